// Bytes over the wire for a first and a repeat visit, measured in Chromium
// through the DevTools protocol (encoded lengths: compressed, headers included).
// Usage: node measure.mjs http://127.0.0.1:3200  → prints JSON.
import { chromium } from "../node_modules/playwright-core/index.mjs";

const base = process.argv[2];
const args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
  "--disable-background-networking", "--disable-component-update", "--disable-sync"];
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args });

/** Load `path` in `page` and return the bytes transferred, and how many requests went to the network. */
async function visit(page, path) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Network.enable");
  let bytes = 0;
  let requests = 0;
  const fromCache = new Set();
  cdp.on("Network.requestServedFromCache", (e) => fromCache.add(e.requestId));
  cdp.on("Network.responseReceived", (e) => {
    if (e.response.fromServiceWorker || e.response.fromDiskCache) fromCache.add(e.requestId);
  });
  cdp.on("Network.loadingFinished", (e) => {
    if (!fromCache.has(e.requestId)) {
      bytes += e.encodedDataLength;
      requests += 1;
    }
  });
  await page.goto(base + path, { waitUntil: "networkidle" });
  await page.waitForTimeout(500);
  await cdp.detach();
  return { bytes, requests };
}

async function measure(path, signIn) {
  const context = await browser.newContext({ viewport: { width: 360, height: 640 }, isMobile: true });
  // What the service worker fetches while it installs counts towards the first visit.
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
  const first = await visit(page, path);
  await page.evaluate(async () => { if ("serviceWorker" in navigator) await navigator.serviceWorker.ready; });
  await page.waitForTimeout(500);
  for (const r of workerFetches.splice(0)) {
    const response = await r.response();
    if (!response) continue;
    const sizes = await r.sizes();
    first.bytes += sizes.responseBodySize + sizes.responseHeadersSize;
    first.requests += 1;
  }
  await page.reload({ waitUntil: "networkidle" }); // now controlled by the service worker
  const repeat = await visit(page, path);
  await context.close();
  return { path, first, repeat };
}

const results = [];
for (const [path, signIn] of [["/", false], ["/hope", false], ["/me", true], ["/me/licence", true]]) {
  results.push(await measure(path, signIn));
}
await browser.close();
console.log(JSON.stringify(results));
