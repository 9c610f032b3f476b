//! The browser's own JSON (`JSON.parse`, `JSON.stringify` and plain objects)
//! for the sync contract's reader (`crate::model::sync::json`).

use crate::model::sync::json::Json;
use js_sys::{Array, Object, Reflect, JSON};
use wasm_bindgen::JsValue;

/// Integers beyond this are not exact in a JS number.
const MAX_SAFE: f64 = 9_007_199_254_740_991.0;

impl Json for JsValue {
    fn null() -> Self {
        JsValue::NULL
    }
    fn integer(n: i64) -> Self {
        JsValue::from_f64(n as f64)
    }
    fn string(s: &str) -> Self {
        JsValue::from_str(s)
    }
    fn array(items: Vec<Self>) -> Self {
        items.into_iter().collect::<Array>().into()
    }
    fn object(fields: Vec<(&str, Self)>) -> Self {
        let object = Object::new();
        for (name, value) in fields {
            let _ = Reflect::set(&object, &JsValue::from_str(name), &value);
        }
        object.into()
    }
    fn field(&self, name: &str) -> Option<Self> {
        if !self.is_object() {
            return None;
        }
        Reflect::get(self, &JsValue::from_str(name)).ok().filter(|v| !v.is_null() && !v.is_undefined())
    }
    fn items(&self) -> Option<Vec<Self>> {
        Array::is_array(self).then(|| Array::from(self).iter().collect())
    }
    fn as_string(&self) -> Option<String> {
        JsValue::as_string(self)
    }
    fn as_integer(&self) -> Option<i64> {
        self.as_f64().filter(|n| n.fract() == 0.0 && n.abs() <= MAX_SAFE).map(|n| n as i64)
    }
    fn parse(text: &str) -> Option<Self> {
        JSON::parse(text).ok()
    }
    fn text(&self) -> String {
        JSON::stringify(self).ok().map(String::from).unwrap_or_default()
    }
}
