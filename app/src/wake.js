// Wakes the islands after the page has loaded (see app/src/assets.rs).
(function (script) {
  var js = script.dataset.js, wasm = script.dataset.wasm, childrenHooks = [];
  // Before the body is drawn: where the app will wake, the page keeps room for
  // what it adds (the sync panel, the read-aloud buttons), so nothing moves when
  // it does. Without wasm or speech that room is never made.
  var root = document.documentElement.classList;
  if (window.WebAssembly) root.add("app");
  if (window.WebAssembly && window.speechSynthesis) root.add("speech");
  async function walk(node, mod) {
    if (node.nodeType !== Node.ELEMENT_NODE) return;
    var tag = node.tagName.toLowerCase();
    if (tag === "leptos-island") {
      var island = mod[node.dataset.component];
      if (island) {
        var hook = childrenHooks[childrenHooks.length - 1];
        if (hook) hook();
        await island(node);
        await breathe();
      } else {
        console.warn("Waymark: no island " + node.dataset.component + " in " + wasm);
      }
    } else if (tag === "leptos-children") {
      childrenHooks.push(node.$$on_hydrate);
      for (var child of node.children) await walk(child, mod);
      childrenHooks.pop();
      return;
    }
    for (var c of node.children) await walk(c, mod);
  }
  // Back to the browser between islands: each wakes in a task of its own, so a
  // page with many (a licence has one read-aloud per rule) never holds the phone
  // for long, and a tap in between is answered at once.
  function breathe() {
    if (window.scheduler && scheduler.yield) return scheduler.yield();
    return new Promise(function (r) { setTimeout(r, 0); });
  }
  function wake() {
    import(js).then(function (mod) {
      return mod.default({ module_or_path: wasm }).then(breathe).then(function () {
        mod.hydrate();
        return breathe().then(function () { return walk(document.body, mod); });
      });
    });
  }
  // After the load event and the first contentful paint (where the browser
  // reports paints), then when the phone is idle: the app never competes with
  // drawing the page.
  function afterPaint(next) {
    var done = false;
    function once() {
      if (!done) { done = true; next(); }
    }
    var types = (window.PerformanceObserver && PerformanceObserver.supportedEntryTypes) || [];
    if (types.indexOf("paint") < 0 || performance.getEntriesByName("first-contentful-paint").length) return once();
    var seen = new PerformanceObserver(function (list) {
      if (list.getEntriesByName("first-contentful-paint").length) { seen.disconnect(); once(); }
    });
    seen.observe({ type: "paint", buffered: true });
    setTimeout(function () { seen.disconnect(); once(); }, 3000); // a page with nothing to draw still wakes
  }
  function whenIdle() {
    afterPaint(function () {
      if ("requestIdleCallback" in window) requestIdleCallback(wake, { timeout: 2000 });
      else setTimeout(wake, 1);
    });
  }
  if (document.readyState === "complete") whenIdle();
  else addEventListener("load", whenIdle, { once: true });
})(document.currentScript);
