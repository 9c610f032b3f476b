//! The phone's own copy (browser only): the `Device` (snapshot + outbox) in
//! localStorage, the forms that feed the outbox when there is no signal, and
//! the sync client. The logic is in `model::sync`; this file is the wiring.
//!
//! With signal and nothing waiting, forms post as usual (the server's answer,
//! with its messages, is the best one). Without signal, or while older changes
//! wait, a form's change goes into the outbox instead, to be sent in order.

mod json;

use crate::islands::words;
use crate::model::about::{BusyForm, BusyId, Help, Prefs, Reach, SuggestionId};
use crate::model::check_in::{Mood, Need, NewCheckIn, CHOOSE_MOOD};
use crate::model::progress::{GoalForm, GoalId, CHOOSE_AREA, WRITE_GOAL, WRITE_GOOD_THING};
use crate::model::request::{RequestForm, CHOOSE_KIND, SAY_WHY};
use crate::model::sync::json::{self as wire, Json};
use crate::model::sync::{Change, OpId, Outcome};
use crate::model::{AppointmentId, ConditionId, ExplanationId, StepId, StepStatus};
use std::cell::Cell;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// One device record per case: two people sharing a phone keep separate outboxes.
fn key() -> String {
    format!("waymark.device.{}", CASE.with(Cell::get))
}

pub use crate::islands::SyncStatus as Status;

pub type Report = std::rc::Rc<dyn Fn(Status)>;

/// The phone keeps the case as the server sent it, unread (the browser's JSON).
type Device = crate::model::sync::Device<JsValue>;
type SyncResponse = crate::model::sync::SyncResponse<JsValue>;

thread_local! {
    static SENDING: Cell<bool> = const { Cell::new(false) };
    static CASE: Cell<i64> = const { Cell::new(0) };
}

pub fn load() -> Device {
    stored(&key()).and_then(|text| JsValue::parse(&text)).and_then(|j| wire::read_device(&j)).unwrap_or_default()
}

fn save(device: &Device) -> Result<(), String> {
    store(&key(), &wire::device(device).text())
}

/// The phone's localStorage, through gloo-storage's handle. Not its typed
/// `get`/`set`: they go through serde_json, which would add about 27 KB
/// (brotli) to the person's wasm (issue 14.2); the record is read and written
/// with the browser's own JSON (`json.rs`). `raw()` throws where there is no
/// storage (some private modes), so that is checked first.
fn storage() -> Option<web_sys::Storage> {
    use gloo_storage::Storage as _;
    window().local_storage().ok().flatten().map(|_| gloo_storage::LocalStorage::raw())
}

fn stored(key: &str) -> Option<String> {
    storage()?.get_item(key).ok().flatten()
}

fn store(key: &str, value: &str) -> Result<(), String> {
    storage().and_then(|s| s.set_item(key, value).ok()).ok_or_else(|| words::NO_ROOM.into())
}

fn unstore(key: &str) {
    if let Some(s) = storage() {
        let _ = s.remove_item(key);
    }
}

fn status(device: &Device, note: Option<String>) -> Status {
    Status {
        ready: true,
        waiting: device.outbox.iter().map(|op| op.change.describe().to_owned()).collect(),
        synced_at: device.synced_at,
        note,
        refused: device.refused.clone(),
        sending: SENDING.with(Cell::get),
    }
}

fn window() -> web_sys::Window {
    web_sys::window().expect("a window")
}

fn online() -> bool {
    window().navigator().on_line()
}

fn now() -> i64 {
    (js_sys::Date::now() / 1000.0) as i64
}

/// Start: show the state, listen for forms and for signal, send what waits.
pub fn start(case: i64, report: Report) {
    CASE.with(|c| c.set(case));
    let device = load();
    mark_waiting(&device);
    report(status(&device, None));

    let on_submit = {
        let report = report.clone();
        Closure::<dyn Fn(web_sys::Event)>::new(move |e: web_sys::Event| on_submit(e, report.clone()))
    };
    let options = web_sys::AddEventListenerOptions::new();
    options.set_capture(true);
    let document = window().document().expect("a document");
    let _ = document.add_event_listener_with_callback_and_add_event_listener_options(
        "submit",
        on_submit.as_ref().unchecked_ref(),
        &options,
    );
    on_submit.forget(); // lives as long as the page

    let on_online = {
        let report = report.clone();
        Closure::<dyn Fn()>::new(move || send(report.clone()))
    };
    let _ = window().add_event_listener_with_callback("online", on_online.as_ref().unchecked_ref());
    on_online.forget();

    // A phone that was offline for a while: try again now and then.
    let every_minute = {
        let report = report.clone();
        Closure::<dyn Fn()>::new(move || {
            if online() && !load().outbox.is_empty() {
                send(report.clone())
            }
        })
    };
    let _ =
        window().set_interval_with_callback_and_timeout_and_arguments_0(every_minute.as_ref().unchecked_ref(), 60_000);
    every_minute.forget();

    if online() {
        send(report);
    }
}

/// The person has read why some changes were not sent.
pub fn forget_refused(report: Report) {
    let mut device = load();
    device.refused.clear();
    let note = save(&device).err();
    report(status(&device, note));
}

/// Send the outbox now (the "Send now" button, signal coming back, app start).
pub fn send(report: Report) {
    if SENDING.with(|s| s.replace(true)) {
        return;
    }
    report(status(&load(), None));
    wasm_bindgen_futures::spawn_local(async move {
        let note = sync_until_done().await.err();
        SENDING.with(|s| s.set(false));
        let device = load();
        mark_waiting(&device);
        report(status(&device, note));
    });
}

/// Sync until the outbox is empty or the server cannot be reached.
async fn sync_until_done() -> Result<(), String> {
    let mut applied_any = false;
    let mut changed = false;
    for _ in 0..20 {
        let request = wire::next_request::<JsValue, _>(&load());
        let sent = request.ops.len();
        let answer = post(&request).await?;
        // Read the device again: the person may have done something while the
        // request was out, and that change must not be overwritten.
        let mut device = load();
        match answer {
            Answer::Ok(response) => {
                applied_any |= response.results.iter().any(|r| r.outcome == Outcome::Applied);
                changed |= response.changes.is_some();
                device.absorb(response, now());
                save(&device)?;
                if device.outbox.is_empty() || sent == 0 {
                    break;
                }
            }
            Answer::CursorAhead => {
                device.start_again();
                save(&device)?;
            }
            Answer::Refused(reason) => return Err(reason),
        }
    }
    // Keep the pages when the case changed, or when they have not yet been kept
    // at this cursor by a service worker (the first sync can run before one is in charge).
    let since = load().since;
    if changed || kept_at() != Some(since) {
        if keep_pages().await {
            let _ = store(&format!("{}.kept", key()), &since.to_string());
        }
    }
    // The pages on screen were drawn before the change; draw them again from the server.
    if applied_any && is_person_page() {
        let _ = window().location().reload();
    }
    Ok(())
}

/// The person's pages kept by the service worker for when there is no signal
/// (and the app itself: see `app_files`).
const KEPT: [&str; 9] = [
    "/me",
    "/me/licence",
    "/me/appointments",
    "/me/steps",
    "/me/about",
    "/me/check-in",
    "/me/requests",
    "/me/progress",
    "/hope",
];

/// This release's JS and wasm, by their content-named addresses: the page's
/// loader script names them (`crate::assets::WakeIslands`).
fn app_files() -> Vec<String> {
    let Some(script) = window().document().and_then(|d| d.get_element_by_id("waymark-app")) else { return vec![] };
    ["data-js", "data-wasm"].iter().filter_map(|a| script.get_attribute(a)).collect()
}

fn kept_at() -> Option<u64> {
    stored(&format!("{}.kept", key()))?.parse().ok()
}

/// Ask the service worker to keep fresh copies of the person's pages (only
/// after the case changed, to spare pay-as-you-go data). False when no worker
/// is in charge of the page yet, so nothing could be kept.
async fn keep_pages() -> bool {
    let in_charge = window().navigator().service_worker().controller().is_some();
    if !in_charge {
        return false;
    }
    for page in KEPT.iter().map(|p| p.to_string()).chain(app_files()) {
        let init = web_sys::RequestInit::new();
        let Ok(headers) = web_sys::Headers::new() else { return false };
        let _ = headers.set("X-Waymark-Prefetch", "1");
        init.set_headers(&headers);
        // No signal: the pages are kept when next opened instead.
        let _ = JsFuture::from(window().fetch_with_str_and_init(&page, &init)).await;
    }
    true
}

enum Answer {
    Ok(SyncResponse),
    CursorAhead,
    Refused(String),
}

async fn post(request: &crate::model::sync::SyncRequest) -> Result<Answer, String> {
    const NO_SIGNAL: &str = words::NO_SIGNAL;
    let body = wire::request::<JsValue>(request).text();
    let init = web_sys::RequestInit::new();
    init.set_method("POST");
    init.set_body(&JsValue::from_str(&body));
    let headers = web_sys::Headers::new().map_err(|_| NO_SIGNAL)?;
    let _ = headers.set("Content-Type", "application/json");
    init.set_headers(&headers);
    let fetched =
        JsFuture::from(window().fetch_with_str_and_init("/api/v1/sync", &init)).await.map_err(|_| NO_SIGNAL)?;
    let response: web_sys::Response = fetched.dyn_into().map_err(|_| NO_SIGNAL)?;
    let text = JsFuture::from(response.text().map_err(|_| NO_SIGNAL)?).await.map_err(|_| NO_SIGNAL)?;
    let text = text.as_string().unwrap_or_default();
    match response.status() {
        200 => {
            JsValue::parse(&text).and_then(|j| wire::read_response(&j)).map(Answer::Ok).ok_or_else(|| NO_SIGNAL.into())
        }
        409 => Ok(Answer::CursorAhead),
        401 => {
            // The session ended (signed out elsewhere, timed out, a lost phone): the case's copy goes.
            forget_case().await;
            Ok(Answer::Refused(words::SIGN_IN_AGAIN.into()))
        }
        _ => Ok(Answer::Refused(
            JsValue::parse(&text).and_then(|j| wire::read_refusal(&j)).unwrap_or_else(|| words::NOT_TAKEN.into()),
        )),
    }
}

fn is_person_page() -> bool {
    window().location().pathname().is_ok_and(|p| p.starts_with("/me"))
}

/// A form of the person's pages, read as a change; `None` for other forms.
fn change_of(form: &web_sys::HtmlFormElement) -> Option<Result<Change, String>> {
    let action = form.get_attribute("action").unwrap_or_default();
    let data = web_sys::FormData::new_with_form(form).ok()?;
    let field = |name: &str| data.get(name).as_string().map(|s| s.trim().to_owned()).unwrap_or_default();
    let need = |text: String, message: &str| if text.is_empty() { Err(message.to_owned()) } else { Ok(text) };
    let change = if action.ends_with("/api/answer_condition") {
        let condition = ConditionId(field("condition_id").parse().ok()?);
        match field("answer").as_str() {
            "understood" => Ok(Change::Understood { condition }),
            _ => need(field("question"), words::WRITE_QUESTION).map(|text| Change::Question { condition, text }),
        }
    } else if action.ends_with("/api/answer_appointment") {
        let appointment = AppointmentId(field("appointment_id").parse().ok()?);
        match field("answer").as_str() {
            "attending" => Ok(Change::Attending { appointment }),
            _ => need(field("reason"), words::WRITE_REASON).map(|reason| Change::NeedsChange { appointment, reason }),
        }
    } else if action.ends_with("/api/read_letter") {
        let explanation = ExplanationId(field("explanation_id").parse().ok()?);
        Ok(Change::Read { explanation, at: now() })
    } else if action.ends_with("/api/set_step") && field("case_id").is_empty() {
        let step = StepId(field("step_id").parse().ok()?);
        let status = StepStatus::parse(&field("status"))?;
        let reason = Some(field("reason")).filter(|r| !r.is_empty());
        if status == StepStatus::Stuck && reason.is_none() {
            Err(words::SAY_WHAT_IS_IN_THE_WAY.to_owned())
        } else {
            Ok(Change::Step { step, status, reason })
        }
    } else if action.ends_with("/api/save_about_me") {
        let ticked = |name: String| !field(&name).is_empty();
        let reach = Reach::ALL.into_iter().filter(|r| ticked(format!("form[reach_{}]", r.as_str()))).collect();
        let helps = Help::ALL.into_iter().filter(|h| ticked(format!("form[help_{}]", h.as_str()))).collect();
        let working_on = Some(field("form[working_on]")).filter(|w| !w.is_empty());
        Ok(Change::AboutMe { prefs: Prefs { reach, helps, working_on } })
    } else if action.ends_with("/api/add_busy_time") {
        let form = BusyForm {
            kind: field("form[kind]"),
            name: field("form[name]"),
            how_often: field("form[how_often]"),
            day: field("form[day]"),
            date: field("form[date]"),
            from: field("form[from]"),
            to: field("form[to]"),
        };
        // What the phone can check; the server checks the rest when it is sent.
        let when_missing = match form.how_often.as_str() {
            "weekly" => form.day.is_empty(),
            "once" => form.date.is_empty(),
            _ => true,
        };
        if form.kind.is_empty() {
            Err(words::CHOOSE_WHAT_FOR.to_owned())
        } else if when_missing {
            Err(words::DAY_OR_DATE.to_owned())
        } else if form.from.is_empty() || form.to.is_empty() {
            Err(words::ENTER_TIMES.to_owned())
        } else {
            Ok(Change::AddBusy { form })
        }
    } else if action.ends_with("/api/remove_busy_time") {
        Ok(Change::RemoveBusy { busy: BusyId(field("busy_id").parse().ok()?) })
    } else if action.ends_with("/api/answer_suggestion") {
        let suggestion = SuggestionId(field("suggestion_id").parse().ok()?);
        Ok(Change::Suggestion { suggestion, accept: field("answer") == "accept" })
    } else if action.ends_with("/api/send_request") {
        let form = RequestForm {
            kind: field("form[kind]"),
            first_day: field("form[first_day]"),
            last_day: field("form[last_day]"),
            place: field("form[place]"),
            why: field("form[why]"),
        };
        // What the phone can check (no date reading here: it would weigh on
        // the wasm); the server checks the rest when it is sent.
        if form.kind.is_empty() {
            Err(CHOOSE_KIND.to_owned())
        } else if form.why.is_empty() {
            Err(SAY_WHY.to_owned())
        } else {
            Ok(Change::Ask { form, at: now() })
        }
    } else if action.ends_with("/api/set_goal") {
        let form =
            GoalForm { area: field("form[area]"), title: field("form[title]"), next_step: field("form[next_step]") };
        if form.area.is_empty() {
            Err(CHOOSE_AREA.to_owned())
        } else if form.title.is_empty() {
            Err(WRITE_GOAL.to_owned())
        } else {
            Ok(Change::SetGoal { form, at: now() })
        }
    } else if action.ends_with("/api/goal_done") {
        Ok(Change::GoalDone { goal: GoalId(field("goal_id").parse().ok()?), at: now() })
    } else if action.ends_with("/api/add_good_thing") {
        need(field("good_thing"), WRITE_GOOD_THING).map(|title| Change::GoodThing { title, at: now() })
    } else if action.ends_with("/api/send_check_in") {
        let ticked = |name: String| !field(&name).is_empty();
        let needs = Need::ALL.into_iter().filter(|n| ticked(format!("form[need_{}]", n.as_str()))).collect();
        let note = Some(field("form[note]")).filter(|n| !n.is_empty());
        match field("form[mood]").parse().ok().and_then(Mood::from_score) {
            Some(mood) => {
                let contact_me = ticked("form[contact_me]".into());
                Ok(Change::CheckIn { said: NewCheckIn { mood, needs, contact_me, note }, at: now() })
            }
            None => Err(CHOOSE_MOOD.to_owned()),
        }
    } else {
        return None;
    };
    Some(change)
}

fn on_submit(event: web_sys::Event, report: Report) {
    let Some(form) = event.target().and_then(|t| t.dyn_into::<web_sys::HtmlFormElement>().ok()) else { return };
    if form.get_attribute("data-wipe").is_some() {
        event.prevent_default();
        wipe_then_submit(form);
        return;
    }
    if form.get_attribute("action").is_some_and(|a| a.ends_with("/api/sign_out")) {
        event.prevent_default();
        wasm_bindgen_futures::spawn_local(async move {
            forget_case().await;
            let _ = form.submit();
        });
        return;
    }
    let Some(change) = change_of(&form) else { return };
    let mut device = load();
    if online() && device.outbox.is_empty() {
        return; // the ordinary form post: the server answers at once
    }
    event.prevent_default();
    let change = match change {
        Ok(change) => change,
        Err(message) => {
            report(status(&device, Some(message)));
            return;
        }
    };
    let id = window().crypto().ok().map(|c| c.random_uuid()).and_then(|id| OpId::try_from(id).ok());
    let Some(id) = id else { return };
    if !device.record(id, change) {
        // A second tap: the first is kept and will be sent once.
        report(status(&device, Some(words::ALREADY_WAITING.to_owned())));
        return;
    }
    let note = save(&device).err().or_else(|| (!online()).then(|| words::KEPT_OFFLINE.to_owned()));
    if let Some(details) = form.closest("details.ask").ok().flatten() {
        let _ = details.remove_attribute("open");
    }
    mark_waiting(&device);
    report(status(&device, note));
    if online() {
        send(report);
    }
}

/// Mark what is waiting on the page, so the person sees their change was kept:
/// each card shows its new state, marked "waiting to send", and loses the
/// button for what already waits. Drawn again from the outbox on every page
/// load, so it stays across a reload until the server has answered.
fn mark_waiting(device: &Device) {
    let Some(document) = window().document() else { return };
    let each = |selector: &str, f: &dyn Fn(web_sys::Element)| {
        if let Ok(list) = document.query_selector_all(selector) {
            for i in 0..list.length() {
                if let Some(node) = list.item(i).and_then(|n| n.dyn_into::<web_sys::Element>().ok()) {
                    f(node);
                }
            }
        }
    };
    // First undo the last marking: the page as the server drew it.
    each(".pending-note", &|note| note.remove());
    each("[data-sync-was]", &|state| {
        state.set_text_content(state.get_attribute("data-sync-was").as_deref());
        let _ = state.remove_attribute("data-sync-was");
        let _ = state.class_list().remove_1("tag-waiting");
    });
    each("[data-sync-hid]", &|form| {
        let _ = form.remove_attribute("hidden");
        let _ = form.remove_attribute("data-sync-hid");
    });
    for change in device.waiting() {
        let selector = format!("[data-sync-target=\"{}\"]", change.target());
        let Ok(Some(target)) = document.query_selector(&selector) else { continue };
        if let Ok(Some(state)) = target.query_selector("[data-sync-state]") {
            let _ = state.set_attribute("data-sync-was", &state.text_content().unwrap_or_default());
            let shows = change.shows();
            state.set_text_content(Some(&format!("{} ({})", shows.trim_end_matches('.'), words::WAITING)));
            let _ = state.class_list().add_1("tag-waiting");
        }
        if let Ok(forms) = target.query_selector_all("form") {
            for i in 0..forms.length() {
                let Some(form) = forms.item(i).and_then(|n| n.dyn_into::<web_sys::HtmlFormElement>().ok()) else {
                    continue;
                };
                if matches!(change_of(&form), Some(Ok(c)) if c.same_intent(change)) {
                    let _ = form.set_attribute("hidden", "");
                    let _ = form.set_attribute("data-sync-hid", "");
                }
            }
        }
        if let Ok(note) = document.create_element("p") {
            note.set_class_name("pending-note");
            note.set_text_content(Some(&format!("{}. {}", change.describe(), words::KEPT_NOTE)));
            // Beside the thing, not inside it: a closed <details> would hide it.
            let _ = target.insert_adjacent_element("beforebegin", &note);
        }
    }
}

/// Signing out, or a session that ended: the case's copy on this phone goes
/// (it holds the licence), with the pages the worker kept for this session.
/// Only what the person did and has not sent yet stays (in localStorage), to be
/// sent when they sign in again: nothing they did is lost, and it is their own
/// words, not their licence. "Sign out and wipe this phone" removes that too.
async fn forget_case() {
    let device = load();
    if device.outbox.is_empty() && device.refused.is_empty() {
        unstore(&key());
    } else {
        let _ = save(&Device { outbox: device.outbox, refused: device.refused, ..Device::default() });
    }
    unstore(&format!("{}.kept", key()));
    delete_caches(|name| name.starts_with("waymark-person-")).await;
}

/// Delete the service worker's caches whose names pass `which`.
async fn delete_caches(which: impl Fn(&str) -> bool) {
    let Ok(caches) = window().caches() else { return };
    let Ok(keys) = JsFuture::from(caches.keys()).await else { return };
    for name in js_sys::Array::from(&keys).iter().filter_map(|k| k.as_string()) {
        if which(&name) {
            let _ = JsFuture::from(caches.delete(&name)).await;
        }
    }
}

/// "Sign out and wipe this phone": nothing of the case stays on the device.
fn wipe_then_submit(form: web_sys::HtmlFormElement) {
    if !load().outbox.is_empty() {
        if !window().confirm_with_message(words::WIPE_ANYWAY).unwrap_or(false) {
            return;
        }
    }
    if let Some(storage) = storage() {
        let _ = storage.clear();
    }
    wasm_bindgen_futures::spawn_local(async move {
        delete_caches(|_| true).await;
        let _ = form.submit();
    });
}
