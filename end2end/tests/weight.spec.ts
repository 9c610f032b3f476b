import { test, expect, Page, Request } from "@playwright/test";
import { signInJay, signInPractitioner, waitForHydration, waitUntilKeptForOffline } from "./helpers";

// Issue 14: the person's pages draw before any of the app is fetched, load
// the person's own (smaller) build, and a repeat visit asks for no CSS, JS or wasm.

const ASSET = /\.(css|js|wasm)(\?|$)/;

/** When the page painted, loaded, and asked for its wasm (ms from its start), and which wasm. */
async function wasmTiming(page: Page) {
  await waitForHydration(page);
  return page.evaluate(() => {
    const nav = performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming;
    const paint = performance.getEntriesByName("first-contentful-paint")[0];
    const wasm = performance.getEntriesByType("resource").filter((r) => r.name.endsWith(".wasm"));
    const preloads = document.querySelectorAll("link[rel=preload], link[rel=modulepreload]").length;
    return {
      paint: paint?.startTime,
      loaded: nav.loadEventStart,
      wasm: wasm.map((r) => ({ url: new URL(r.name).pathname, asked: r.startTime })),
      preloads,
    };
  });
}

test("a person's page draws and loads before the app is asked for, then wakes with the person's build", async ({
  page,
}) => {
  await signInJay(page);
  for (const path of ["/me", "/me/licence", "/me/appointments", "/me/steps", "/me/share"]) {
    await page.goto(path);
    const t = await wasmTiming(page);
    expect(t.preloads, `${path} preloads the app`).toBe(0);
    // The app may ask for its own wasm again later, to keep it for offline use: always the person's.
    expect(t.wasm.length, `${path} loads the wasm`).toBeGreaterThan(0);
    for (const w of t.wasm) expect(w.url).toMatch(/^\/pkg\/waymark_bg\.[0-9a-f]{16}\.wasm$/);
    const first = Math.min(...t.wasm.map((w) => w.asked));
    expect(t.paint, `${path} painted`).toBeDefined();
    expect(first, `${path}: wasm asked for before the page painted`).toBeGreaterThan(t.paint!);
    expect(first, `${path}: wasm asked for before the page loaded`).toBeGreaterThanOrEqual(t.loaded);
  }
});

test("nothing on a person's page moves when the app wakes, and the page's words are drawn with it", async ({ page }) => {
  // Layout shifts, recorded from the very start of each page (before any of its own scripts).
  // All of them: nobody touches the page here, but Chromium marks a shift soon after a
  // navigation as "after input", which a person's CLS (and Lighthouse's) still counts.
  await page.addInitScript(() => {
    const shifts: { value: number; what: string[] }[] = [];
    (window as any).__shifts = shifts;
    new PerformanceObserver((list) => {
      for (const e of list.getEntries() as any[]) {
        shifts.push({ value: e.value, what: e.sources.map((s: any) => s.node?.outerHTML?.slice(0, 80) ?? "?") });
      }
    }).observe({ type: "layout-shift", buffered: true });
  });
  await signInJay(page);
  for (const path of ["/me", "/me/licence", "/me/appointments", "/me/steps", "/me/share"]) {
    // The phone's panel is drawn by the server, in the place it keeps once the app is awake.
    const html = await (await page.request.get(path)).text();
    expect(html, `${path}: the panel is drawn with the page`).toContain("Checking this phone");
    await page.goto(path);
    await waitForHydration(page);
    await expect(page.locator(".sync-panel")).toContainText("Everything is sent.");
    await expect(page.locator(".sync-panel").getByRole("button", { name: "Send now" })).toBeEnabled();
    // Let any late shift (the panel's words, a button shown) be recorded.
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 300))));
    const shifts: { value: number; what: string[] }[] = await page.evaluate(() => (window as any).__shifts);
    const total = shifts.reduce((sum, s) => sum + s.value, 0);
    expect(total, `${path} moved as the app woke: ${JSON.stringify(shifts)}`).toBeLessThan(0.01);
  }
});

test("a practitioner's page wakes with the desk's build, meter and all", async ({ page }) => {
  await signInPractitioner(page);
  await page.goto("/caseload/1/licence");
  const t = await wasmTiming(page);
  expect(t.wasm.map((w) => w.url)).toEqual([expect.stringMatching(/^\/pkg\/waymark-desk_bg\.[0-9a-f]{16}\.wasm$/)]);
  // The readability meter is only in the desk's build: it scores as you type.
  const box = page.getByLabel("Explanation", { exact: true });
  await box.fill("You must not go out.");
  await expect(page.locator("#body-meter")).toContainText(/(Very e|E)asy to read\./);
});

test("a repeat visit asks for no CSS, JS or wasm, and those files are kept a year", async ({ page, context }) => {
  await signInJay(page);
  await waitUntilKeptForOffline(page);
  await page.goto("/me/licence");
  await waitForHydration(page);

  const asked: Request[] = [];
  context.on("request", (r) => {
    if (ASSET.test(r.url())) asked.push(r);
  });
  for (const path of ["/me", "/me/licence", "/me/steps"]) {
    await page.goto(path);
    await waitForHydration(page);
  }
  expect(asked.length, "the pages use their CSS, JS and wasm").toBeGreaterThan(0);
  // Every one answered by the service worker from its copy; the worker asked the network for none.
  const fromWorkerCopy = await Promise.all(asked.map(async (r) => !r.serviceWorker() && (await r.response())?.fromServiceWorker()));
  const toNetwork = asked.filter((r, i) => !fromWorkerCopy[i]).map((r) => new URL(r.url()).pathname);
  expect(toNetwork).toEqual([]);

  // Without the worker too: the browser may keep them for a year, never asking again.
  const css = await page.locator("link[rel=stylesheet]").first().getAttribute("href");
  expect(css).toMatch(/^\/pkg\/waymark\.[0-9a-f]{16}\.css$/);
  const wasm = await page.locator("#waymark-app").getAttribute("data-wasm");
  for (const file of [css!, wasm!]) {
    const r = await page.request.get(file);
    expect(r.headers()["cache-control"], file).toBe("public, max-age=31536000, immutable");
  }
  for (const file of ["/sw.js", "/manifest.webmanifest", "/offline.html"]) {
    const r = await page.request.get(file);
    expect(r.headers()["cache-control"], file).toBe("no-cache");
  }
});
