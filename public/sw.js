// Waymark service worker: keeps the app shell (CSS, wasm, icons, offline page)
// and the pages a person has opened, so they open with no signal. Changes made
// offline wait in the page's outbox (app/src/offline.rs), not here.
// __BUILD__ is replaced by .ci/build-site with a hash of the release: a new
// release installs a new cache and deletes the old one once it has taken over.
const VERSION = "waymark-__BUILD__";
// The app's wasm is not here: public pages do not load it, so a visitor to the
// hope corner never pays for it. The person's app asks the worker to keep it
// (app/src/offline.rs, KEPT), and any copy fetched through the worker is kept.
const SHELL = [
  "/offline.html",
  "/pkg/waymark.css",
  "/register-sw.js",
  "/icons/icon.svg",
  "/manifest.webmanifest",
];

self.addEventListener("install", (event) => {
  event.waitUntil(caches.open(VERSION).then((cache) => cache.addAll(SHELL)));
  self.skipWaiting();
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((k) => k !== VERSION).map((k) => caches.delete(k))))
      .then(() => self.clients.claim())
  );
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== self.location.origin || url.pathname.startsWith("/api/")) {
    return;
  }
  if (request.headers.has("X-Waymark-Prefetch")) {
    // The app asks for a page to keep for offline use (after a sync brought changes).
    event.respondWith(
      fetch(request).then((response) => {
        if (response.ok && !response.redirected) {
          const copy = response.clone();
          caches.open(VERSION).then((cache) => cache.put(url.pathname, copy));
        }
        return response;
      })
    );
    return;
  }
  if (url.pathname.startsWith("/shared/")) {
    // What someone shared is never kept: once it is turned off, it is gone.
    return;
  }
  if (request.mode === "navigate") {
    // Pages: network first so they are fresh; the cached copy when offline.
    event.respondWith(
      fetch(request)
        .then((response) => {
          if (response.ok) {
            const copy = response.clone();
            caches.open(VERSION).then((cache) => cache.put(request, copy));
          }
          return response;
        })
        .catch(() => offlineCopy(request, url))
    );
    return;
  }
  // Files: the cached copy at once, refreshed in the background.
  event.respondWith(
    caches.match(request).then((cached) => {
      const network = fetch(request)
        .then((response) => {
          if (response.ok) {
            const copy = response.clone();
            caches.open(VERSION).then((cache) => cache.put(request, copy));
          }
          return response;
        })
        .catch(() => cached);
      return cached || network;
    })
  );
});

// The best kept copy of a page: this exact address, else the page without its
// query (kept by the app after a sync), else any copy of it, else the offline page.
function offlineCopy(request, url) {
  const loose = { ignoreVary: true };
  return caches
    .match(request, loose)
    .then((hit) => hit || caches.match(url.pathname, loose))
    .then((hit) => hit || caches.match(request, { ignoreVary: true, ignoreSearch: true }))
    .then((hit) => hit || caches.match("/offline.html"));
}
