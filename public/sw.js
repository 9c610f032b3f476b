// Waymark service worker: keeps the app shell (CSS, wasm, icons, offline page)
// and the pages a person has opened, so they open with no signal. Changes made
// offline wait in the page's outbox (app/src/offline.rs), not here.
//
// What may be kept is the server's call, on every response
// (server/src/http/personal.rs):
// - "X-Waymark-Keep: public": the release cache (static files, public pages);
// - "X-Waymark-Keep: person": only the cache of this person's session;
// - no X-Waymark-Keep: never kept (practitioners' pages, maps and calendar
//   files, every page someone shared, anything else).
// "X-Waymark-Person: none" (no session, or not a person on licence) deletes
// every person's cache: after a sign-out, a session that ended (timed out, a lost phone),
// nothing personal opens here. "X-Waymark-Person: <id> <end>" names the
// session's cache and when the session ends: with no signal, its pages open
// only until then.
//
// __BUILD__ is replaced by .ci/build-site with a hash of the release: a new
// release installs a new cache and deletes the old one once it has taken over.
// It also puts the content-named addresses of the CSS and of register-sw.js
// in SHELL (see FIXED).
const VERSION = "waymark-__BUILD__";
const PERSON = "waymark-person-";
// In a person's cache: which session it belongs to and when that ends.
const SESSION = "/__waymark/session";
// Which sessions have ended on this phone (see readBook).
const BOOK = "waymark-sessions";
// The app's wasm is not here: public pages do not load it, so a visitor to the
// hope corner never pays for it. The person's app asks the worker to keep it
// (app/src/offline.rs, KEPT), and any copy fetched through the worker is kept.
// Files named by their content (/pkg/waymark.<hash>.css and the like) never
// change under that name: a kept copy is used as it is, never asked for again.
// The server never marks these public; the release cache refuses them anyway,
// whatever a response says, as that cache opens for anyone on the phone.
const PRIVATE = /^\/(me|caseload|shared)(\/|$)/;
const FIXED = /^\/pkg\/[\w-]+\.[0-9a-f]{16}\.(css|js|wasm)$/;
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
  // Old releases go; a person's cache stays (it is refreshed as pages are opened).
  event.waitUntil(
    caches
      .keys()
      .then((keys) =>
        Promise.all(keys.filter((k) => k !== VERSION && k !== BOOK && !k.startsWith(PERSON)).map((k) => caches.delete(k)))
      )
      .then(() => self.clients.claim())
  );
});

// How many sign-outs this worker has seen. A page fetched before a sign-out
// whose answer lands after it is not kept: the wipe's Clear-Site-Data also
// clears the book of ended sessions, so the book alone cannot stop it.
let signOuts = 0;
// The sessions this worker has seen answer, and those a sign-out here ended.
// A page the app asks for just after the sign-out passed (its fetch began
// after it, so the count above cannot tell) is answered by the server before
// the session ends, under the old session: it is not kept either. A new
// sign-in is a new session, kept as usual.
const seenIds = new Set();
const signedOutIds = new Set();

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method === "POST" && url.origin === self.location.origin && url.pathname === "/api/sign_out") {
    signOuts += 1;
    for (const id of seenIds) signedOutIds.add(id);
    event.waitUntil(serial(() => endSessions(null)));
    return;
  }
  if (request.method !== "GET" || url.origin !== self.location.origin || url.pathname.startsWith("/api/")) {
    return;
  }
  const epoch = signOuts;
  if (url.pathname.startsWith("/shared/")) {
    // What someone shared is never kept: once it is turned off, it is gone.
    return;
  }
  if (request.headers.has("X-Waymark-Prefetch")) {
    // The app asks for a page to keep for offline use (after a sync brought changes).
    event.respondWith(
      caches.open(VERSION).then(async (release) => {
        const cached = FIXED.test(url.pathname) && (await release.match(url.pathname));
        return cached || fetch(request).then((response) => learn(event, response, url.pathname, epoch));
      })
    );
    return;
  }
  if (request.mode === "navigate") {
    // Pages: network first so they are fresh; the kept copy when offline.
    event.respondWith(
      fetch(request)
        .then((response) => learn(event, response, request, epoch))
        .catch(() => offlinePage(request, url))
    );
    return;
  }
  // Release files: the kept copy at once, refreshed in the background
  // (content-named ones are not: they cannot have changed).
  // Anything else: the network, and the person's kept copy when offline.
  event.respondWith(
    caches.open(VERSION).then(async (release) => {
      const cached = await release.match(request);
      if (cached && FIXED.test(url.pathname)) return cached;
      const network = fetch(request).then((response) => learn(event, response, request, epoch));
      if (cached) {
        event.waitUntil(network.catch(() => undefined));
        return cached;
      }
      try {
        return await network;
      } catch (offline) {
        const person = await livePersonCache();
        const hit = person && (await person.match(request, { ignoreVary: true }));
        return hit || (await thisRelease(release, url.pathname)) || Response.error();
      }
    })
  );
});

// A page kept before this release names the last release's files: offline,
// it gets this release's file of the same name instead (its styles, its app).
async function thisRelease(release, path) {
  const name = path.match(FIXED) && path.replace(/\.[0-9a-f]{16}\./, ".");
  if (!name) return undefined;
  for (const request of await release.keys()) {
    const kept = new URL(request.url).pathname;
    if (FIXED.test(kept) && kept.replace(/\.[0-9a-f]{16}\./, ".") === name) return release.match(request);
  }
  return undefined;
}

// Do what the server said about this response; then hand it on. Deleting is
// done before the page sees the answer; keeping may finish after it.
async function learn(event, response, key, epoch) {
  const who = response.headers.get("X-Waymark-Person");
  const keep = response.headers.get("X-Waymark-Keep");
  const keepable = response.ok && !response.redirected;
  const session = who && who !== "none" ? parseSession(who) : null;
  if (session) seenIds.add(session.id);
  if (who === "none" || session) {
    await serial(() => endSessions(session && session.id));
  }
  const path = typeof key === "string" ? key : new URL(key.url).pathname;
  if (keepable && keep === "public" && !PRIVATE.test(path)) {
    const copy = response.clone();
    event.waitUntil(caches.open(VERSION).then((cache) => cache.put(key, copy)));
  } else if (keepable && keep === "person" && session) {
    const copy = response.clone();
    event.waitUntil(
      (async () => {
        // The whole body first, outside the queue: a slow file must not hold up other pages.
        const body = await copy.blob();
        const whole = new Response(body, { status: copy.status, statusText: copy.statusText, headers: copy.headers });
        await serial(() => keepForPerson(session, key, whole, epoch));
      })()
    );
  }
  return response;
}

// Changes to what is kept happen one at a time, in the order answers came.
let queue = Promise.resolve();
function serial(task) {
  const run = queue.then(task, task);
  queue = run.catch(() => undefined);
  return run;
}

// "0123456789abcdef 1767225600": the session's cache id and its end (UTC seconds).
function parseSession(value) {
  const [id, ends] = value.split(" ");
  return /^[0-9a-f]{16}$/.test(id) && /^\d+$/.test(ends) ? { id, ends: Number(ends) } : null;
}

// Which sessions this phone has seen, and which have ended: an answer that was
// on its way when its session ended must not bring the person's pages back.
// Kept in a cache so it outlives the worker being stopped.
async function readBook() {
  const kept = await (await caches.open(BOOK)).match("/book");
  const book = kept ? await kept.json().catch(() => null) : null;
  return book && Array.isArray(book.seen) && Array.isArray(book.ended) ? book : { seen: [], ended: [] };
}

async function writeBook(book) {
  const trimmed = { seen: book.seen, ended: book.ended.slice(-100) };
  await (await caches.open(BOOK)).put("/book", new Response(JSON.stringify(trimmed)));
}

// Every session but `liveId` (the one that answered just now, if any) has
// ended on this phone: their caches go, and they are never kept again.
async function endSessions(liveId) {
  const book = await readBook();
  if (liveId && book.ended.includes(liveId)) return; // a late answer of an ended session
  const cached = (await caches.keys()).filter((n) => n.startsWith(PERSON)).map((n) => n.slice(PERSON.length));
  const ending = [...new Set([...book.seen, ...cached])].filter((id) => id !== liveId);
  const seen = liveId ? [liveId] : [];
  if (ending.length === 0 && seen.join() === book.seen.join()) return;
  await Promise.all(ending.map((id) => caches.delete(PERSON + id)));
  const ended = [...book.ended.filter((id) => !ending.includes(id)), ...ending];
  await writeBook({ seen, ended });
}

async function keepForPerson(session, key, copy, epoch) {
  const ended = () => epoch !== signOuts || signedOutIds.has(session.id);
  if (ended() || (await readBook()).ended.includes(session.id)) return;
  const cache = await caches.open(PERSON + session.id);
  await cache.put(SESSION, new Response(JSON.stringify(session)));
  await cache.put(key, copy);
  // Signed out while it was being written: it goes too.
  if (ended()) await caches.delete(PERSON + session.id);
}

// The person's cache, if their session could still be alive; an ended one is deleted.
async function livePersonCache() {
  let live = null;
  for (const name of await caches.keys()) {
    if (!name.startsWith(PERSON)) continue;
    const cache = await caches.open(name);
    const kept = await cache.match(SESSION);
    const session = kept ? await kept.json().catch(() => null) : null;
    if (!live && session && name === PERSON + session.id && session.ends * 1000 > Date.now()) {
      live = cache;
    } else {
      await caches.delete(name);
    }
  }
  return live;
}

// The best kept copy of a page: the person's (while their session lasts),
// else the public one; this exact address, else the page without its query
// (kept by the app after a sync), else any copy of it; else the offline page.
async function offlinePage(request, url) {
  const release = await caches.open(VERSION);
  const loose = { ignoreVary: true };
  for (const cache of [await livePersonCache(), release]) {
    if (!cache) continue;
    const hit =
      (await cache.match(request, loose)) ||
      (await cache.match(url.pathname, loose)) ||
      (await cache.match(request, { ignoreVary: true, ignoreSearch: true }));
    if (hit) return hit;
  }
  return (await release.match("/offline.html")) || Response.error();
}
