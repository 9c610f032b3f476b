// Register the service worker once the page has loaded (kept out of the way of first paint).
if ("serviceWorker" in navigator) {
  window.addEventListener("load", function () {
    navigator.serviceWorker.register("/sw.js").catch(function () {
      // No service worker (private mode, old browser): the site still works online.
    });
  });
}
