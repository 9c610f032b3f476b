// The one small script every page runs: registers the service worker, drops a
// case an ended session left behind, and gives public pages their quick exit.

// Register the service worker once the page has loaded (kept out of the way of first paint).
if ("serviceWorker" in navigator) {
  window.addEventListener("load", function () {
    navigator.serviceWorker.register("/sw.js").catch(function () {
      // No service worker (private mode, old browser): the site still works online.
    });
  });
}

// A page drawn for no person on licence (data-no-person): no person's session
// lives in this browser, so a case left in localStorage by one that ended
// elsewhere (timed out, ended by the practitioner) goes. Only the
// changes not sent yet stay, to be sent at the next sign-in, as after signing
// out (app/src/offline.rs, forget_case, does the same from the app).
(function () {
  var script = document.currentScript;
  if (!script || !script.hasAttribute("data-no-person")) return;
  try {
    var keys = [];
    for (var i = 0; i < localStorage.length; i++) keys.push(localStorage.key(i));
    keys.forEach(function (key) {
      if (/^waymark\.device\.\d+\.kept$/.test(key)) localStorage.removeItem(key);
      if (!/^waymark\.device\.\d+$/.test(key)) return;
      var device = JSON.parse(localStorage.getItem(key) || "null") || {};
      var outbox = Array.isArray(device.outbox) ? device.outbox : [];
      var refused = Array.isArray(device.refused) ? device.refused : [];
      if (outbox.length === 0 && refused.length === 0) {
        localStorage.removeItem(key);
      } else {
        localStorage.setItem(key, JSON.stringify({ since: 0, snapshot: null, outbox: outbox, synced_at: null, refused: refused }));
      }
    });
  } catch (e) {
    // Storage switched off or unreadable: nothing is kept there anyway.
  }
})();

// Quick exit (public pages, issue 16.4): the link already goes to a neutral
// site without JavaScript; with it, the page is hidden at once, this page is
// replaced in the history (Back does not bring it back), and Esc pressed twice
// does the same, as domestic-abuse services' sites do.
(function () {
  var link = document.querySelector("a[data-quick-exit]");
  if (!link) return;
  function leave(event) {
    if (event) event.preventDefault();
    document.documentElement.classList.add("quick-exit-gone");
    document.title = "";
    window.location.replace(link.href);
  }
  link.addEventListener("click", leave);
  var lastEsc = 0;
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") return;
    var now = Date.now();
    if (now - lastEsc < 2000) leave(event);
    lastEsc = now;
  });
})();
