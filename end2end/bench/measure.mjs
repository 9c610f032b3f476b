// Bytes over the wire for a first and a repeat visit, measured in Chromium
// through the DevTools protocol (encoded lengths: compressed, headers included).
// Usage: node measure.mjs http://127.0.0.1:3200 [http://127.0.0.1:3900]  → prints JSON.
// The second address is the GOV.UK peer: its /licence-conditions is measured the same way.
import { chromium } from "../node_modules/playwright-core/index.mjs";

const [base, peer] = process.argv.slice(2);
const args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
  "--disable-background-networking", "--disable-component-update", "--disable-sync"];
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args });
const ASSET = /\.(css|js|wasm)(\?|$)/;

/** Load `url` in `page`: the bytes transferred, how many requests went to the
 * network, and how many of those were for CSS, JS or wasm. */
async function visit(page, url, hydrates) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Network.enable");
  let bytes = 0;
  let requests = 0;
  let assets = 0;
  const fromCache = new Set();
  const urls = new Map();
  cdp.on("Network.requestWillBeSent", (e) => urls.set(e.requestId, e.request.url));
  cdp.on("Network.requestServedFromCache", (e) => fromCache.add(e.requestId));
  cdp.on("Network.responseReceived", (e) => {
    if (e.response.fromServiceWorker || e.response.fromDiskCache) fromCache.add(e.requestId);
  });
  cdp.on("Network.loadingFinished", (e) => {
    if (!fromCache.has(e.requestId)) {
      bytes += e.encodedDataLength;
      requests += 1;
      if (ASSET.test(urls.get(e.requestId) || "")) assets += 1;
    }
  });
  await page.goto(url, { waitUntil: "load", timeout: 60_000 });
  // The islands wake after the page has loaded: wait for them, so the wasm is counted.
  if (hydrates) await page.locator("form.display-options[data-ready=true]").waitFor({ timeout: 60_000 });
  // Then what the app does at start (a sync, keeping pages for offline) settles, if it does soon.
  await page.waitForLoadState("networkidle", { timeout: 20_000 }).catch(() => undefined);
  await page.waitForTimeout(500);
  await cdp.detach();
  return { bytes, requests, assets };
}

/** When the wasm was asked for, against the page's first paint and its load event (ms). */
function timings(page) {
  return page.evaluate(() => {
    const nav = performance.getEntriesByType("navigation")[0];
    const paint = performance.getEntriesByName("first-contentful-paint")[0];
    const wasm = performance.getEntriesByType("resource").find((r) => r.name.endsWith(".wasm"));
    return {
      first_paint: paint ? Math.round(paint.startTime) : null,
      load: Math.round(nav.loadEventEnd),
      wasm_asked: wasm ? Math.round(wasm.startTime) : null,
    };
  });
}

async function measure(name, url, signIn) {
  const context = await browser.newContext({ viewport: { width: 360, height: 640 }, isMobile: true });
  // What the service worker fetches counts too (as it installs, and any refresh later).
  const workerFetches = [];
  context.on("request", (r) => { if (r.serviceWorker()) workerFetches.push(r); });
  const page = await context.newPage();
  if (signIn) {
    // Sign in through a fresh request context, so the page's cache starts empty.
    const r = await context.request.post(base + "/api/sign_in_person", {
      form: { number: "40000001", pin: "2580" },
      headers: { accept: "application/json" },
    });
    if (!r.ok()) throw new Error("sign-in failed: " + r.status());
  }
  const first = await visit(page, url, signIn);
  const when = await timings(page);
  // Wait for the worker only where the page has one: the peer registers none, and
  // `ready` would then never resolve (the run used to hang here).
  await page.evaluate(async () => {
    const registration = "serviceWorker" in navigator && (await navigator.serviceWorker.getRegistration());
    if (registration) await navigator.serviceWorker.ready;
  });
  // Then until the worker has asked for nothing new for a second: the app asks it to
  // keep the person's pages once it is awake, which can be after the worker is ready,
  // and those fetches belong to the first visit, not the repeat one.
  for (let seen = -1; seen !== workerFetches.length; ) {
    seen = workerFetches.length;
    await page.waitForTimeout(1000);
  }
  const addWorker = async (into) => {
    for (const r of workerFetches.splice(0)) {
      const response = await r.response();
      if (!response) continue;
      const sizes = await r.sizes();
      into.bytes += sizes.responseBodySize + sizes.responseHeadersSize;
      into.requests += 1;
      if (ASSET.test(r.url())) into.assets += 1;
    }
  };
  await addWorker(first);
  await page.reload({ waitUntil: "load", timeout: 60_000 }); // now controlled by the service worker
  const repeat = await visit(page, url, signIn);
  await page.waitForTimeout(500);
  await addWorker(repeat);
  await context.close();
  return { path: name, first, repeat, ...when };
}

const results = [];
const person = ["/me", "/me/licence", "/me/appointments", "/me/steps", "/me/share", "/me/who-has-looked"];
for (const [path, signIn] of [["/", false], ["/hope", false], ...person.map((p) => [p, true])]) {
  results.push(await measure(path, base + path, signIn));
}
if (peer) results.push(await measure("peer /licence-conditions", peer + "/licence-conditions", false));
await browser.close();
console.log(JSON.stringify(results));
