// Wakes the islands after the page has loaded (see app/src/assets.rs).
(function (script) {
  var js = script.dataset.js, wasm = script.dataset.wasm, childrenHooks = [];
  async function walk(node, mod) {
    if (node.nodeType !== Node.ELEMENT_NODE) return;
    var tag = node.tagName.toLowerCase();
    if (tag === "leptos-island") {
      var island = mod[node.dataset.component];
      if (island) {
        var hook = childrenHooks[childrenHooks.length - 1];
        if (hook) hook();
        await island(node);
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
  function wake() {
    import(js).then(function (mod) {
      return mod.default({ module_or_path: wasm }).then(function () {
        mod.hydrate();
        return walk(document.body, mod);
      });
    });
  }
  function whenIdle() {
    if ("requestIdleCallback" in window) requestIdleCallback(wake, { timeout: 2000 });
    else setTimeout(wake, 1);
  }
  if (document.readyState === "complete") whenIdle();
  else addEventListener("load", whenIdle, { once: true });
})(document.currentScript);
