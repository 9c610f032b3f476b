import { test, expect, Browser, BrowserContext, Page, request as http } from "@playwright/test";
import { baseURL } from "../playwright.config";
import { demo, signInJay, signInPractitioner, waitForHydration } from "./helpers";

// After any sign-out (plain or wipe), a session that ended on the server, or a
// session whose time ran out, nothing personal opens on the phone, online or
// offline; a practitioner's pages are never kept at all (issue 15.1).

// A real 2×2 PNG, so the browser can draw it.
const PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAFklEQVR4nGP8z8DAwMDAxMDAwMDAAAANHQEDasKb6QAAAABJRU5ErkJggg==",
  "base64"
);

const PERSON_PAGES = ["/me", "/me/licence", "/me/appointments", "/me/steps", "/me/share", "/me/about", "/me/check-in", "/me/requests", "/me/progress", "/hope"];
const CALENDAR = "/me/appointments/1/calendar.ics";
/** Words only the person's own pages and files hold. */
const PERSONAL = ["Your licence has", "Hello, Jay", "Jay", "BEGIN:VCALENDAR", "The map of the area"];

/** Sam adds an exclusion zone with a map to Jay's licence; the map's address as Jay sees it. */
async function jaysMap(browser: Browser): Promise<string> {
  const deskContext = await browser.newContext();
  const desk = await deskContext.newPage();
  await signInPractitioner(desk);
  await desk.goto("/caseload/1/licence/add/4.0/0f9a20f4-35c7-4c77-8af8-f200f153fa11");
  await desk.getByLabel("Your explanation (optional)").fill(`A map for the sign-out test (${Date.now() % 100000}).`);
  await desk.getByRole("button", { name: "Add to the licence" }).click();
  await desk.getByLabel("Choose the map").setInputFiles({ name: "zone.png", mimeType: "image/png", buffer: PNG });
  await desk.getByRole("button", { name: "Upload the map" }).click();
  await expect(desk.getByText("The map is saved.")).toBeVisible();
  const src = await desk.getByRole("img", { name: "The map of the area this rule is about" }).getAttribute("src");
  await deskContext.close();
  // The practitioner's address /caseload/1/licence/{id}/map is /me/licence/{id}/map for Jay.
  return src!.replace(/^\/caseload\/\d+\/licence\//, "/me/licence/");
}

/** The worker is in charge and has kept the person's pages for offline use. */
async function keptForOffline(page: Page) {
  await page.evaluate(() => navigator.serviceWorker.ready);
  if (!(await page.evaluate(() => !!navigator.serviceWorker.controller))) await page.reload();
  await waitForHydration(page);
  await expect(page.locator(".sync-panel")).toContainText("Everything is sent.");
  await expect
    .poll(() => keptPaths(page), { message: "the person's pages are kept in their session's cache" })
    .toEqual(expect.arrayContaining(["person:/me/licence", "person:/me"]));
}

/** Every address kept by the worker, as "person:/path" (a person's cache) or "release:/path". */
async function keptPaths(page: Page): Promise<string[]> {
  return page.evaluate(async () => {
    const kept: string[] = [];
    for (const name of await caches.keys()) {
      const where = name.startsWith("waymark-person-") ? "person" : "release";
      for (const r of await (await caches.open(name)).keys()) kept.push(`${where}:${new URL(r.url).pathname}`);
    }
    return kept;
  });
}

/** The text of every page or file the worker kept (pictures and wasm left out). */
async function keptTexts(page: Page): Promise<string[]> {
  return page.evaluate(async () => {
    const texts: string[] = [];
    for (const name of await caches.keys()) {
      const cache = await caches.open(name);
      for (const r of await cache.keys()) {
        const res = await cache.match(r);
        const type = res?.headers.get("content-type") ?? "";
        if (/text|json|calendar/.test(type)) texts.push(`${new URL(r.url).pathname}: ${await res!.text()}`);
      }
    }
    return texts;
  });
}

/** With no signal, each page opens the offline page, and each file (a calendar,
 * a map) nothing: never a word of the person's. */
async function nothingPersonalOffline(
  context: BrowserContext,
  page: Page,
  paths: string[],
  files = [CALENDAR, ...paths.filter((p) => p.endsWith("/map"))],
  words = PERSONAL
) {
  await context.setOffline(true);
  for (const path of paths) {
    await page.goto(path).catch(() => undefined);
    const text = await page.locator("body").innerText().catch(() => "");
    for (const word of words) expect(text, `${path} offline`).not.toContain(word);
    await expect(page.getByRole("heading", { name: "You have no signal right now" }), path).toBeVisible();
  }
  for (const path of files) {
    const got = await page.evaluate((p) => fetch(p).then((r) => r.text()).catch(() => "refused"), path);
    for (const word of words) expect(got, `${path} fetched offline`).not.toContain(word);
  }
  await context.setOffline(false);
}

/** Jay signs in on a new phone, opens their pages, and the worker keeps them. */
async function jayWithPagesKept(browser: Browser): Promise<[BrowserContext, Page]> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signInJay(page);
  for (const path of PERSON_PAGES) await page.goto(path);
  await page.goto("/me");
  await keptForOffline(page);
  return [context, page];
}

/** Nothing personal is kept anywhere on the phone: caches and localStorage. */
async function nothingPersonalKept(page: Page) {
  const paths = await keptPaths(page);
  expect(paths.filter((p) => /:\/(me|caseload|shared)(\/|$)/.test(p) || p.startsWith("person:")), "kept").toEqual([]);
  for (const text of await keptTexts(page)) {
    for (const word of PERSONAL) expect(text.slice(0, 200), "a kept file").not.toContain(word);
  }
  const device = await page.evaluate(() => localStorage.getItem("waymark.device.1"));
  expect(device === null || JSON.parse(device).snapshot === null, `the licence is not left in localStorage: ${device}`).toBe(true);
}

async function visitEverything(page: Page, map: string) {
  for (const path of [...PERSON_PAGES, map]) {
    const res = await page.goto(path);
    expect(res?.status(), path).toBe(200);
  }
  await page.goto("/me");
  expect(await page.evaluate((p) => fetch(p).then((r) => r.text()), CALENDAR)).toContain("BEGIN:VCALENDAR");
  await keptForOffline(page);
  await expect.poll(() => keptPaths(page)).toEqual(expect.arrayContaining([`person:${map}`, `person:${CALENDAR}`]));
}

test("after a plain sign-out nothing of the person opens, online or offline", async ({ browser }) => {
  test.setTimeout(90_000);
  const map = await jaysMap(browser);
  const context = await browser.newContext();
  const page = await context.newPage();
  await signInJay(page);
  await visitEverything(page, map);
  // Offline before signing out: the person's own copy works (offline.spec.ts tests it fully).
  await context.setOffline(true);
  await page.goto("/me/licence");
  await expect(page.getByRole("heading", { name: "Your licence", level: 1 })).toBeVisible();
  await context.setOffline(false);

  await page.goto("/me");
  await page.getByRole("button", { name: "Sign out", exact: true }).click();
  await expect(page.getByRole("status")).toContainText("You are signed out.");
  await nothingPersonalKept(page);
  await nothingPersonalOffline(context, page, [...PERSON_PAGES.filter((p) => p !== "/hope"), map]);
  // Online again, the pages ask to sign in.
  await page.goto("/me/licence");
  await expect(page).toHaveURL(/\/sign-in$/);
  await context.close();
});

test("after sign out and wipe nothing of the person opens offline", async ({ browser }) => {
  test.setTimeout(60_000);
  const [context, page] = await jayWithPagesKept(browser);
  await page.getByRole("button", { name: "Sign out and wipe this phone" }).click();
  await expect(page.getByRole("status")).toContainText("Nothing about your licence is left on this phone");
  await nothingPersonalKept(page);
  // The wipe may remove the worker too; it comes back with the next page, so the offline page is its answer.
  // A worker installing afresh may claim the page late, or not at all when it
  // activated before the page loaded: then the next load is its, as on a phone.
  await expect(async () => {
    await page.reload();
    await page.evaluate(() => navigator.serviceWorker.ready);
    expect(await page.evaluate(() => !!navigator.serviceWorker.controller)).toBe(true);
  }).toPass({ timeout: 30_000 });
  await nothingPersonalOffline(context, page, PERSON_PAGES.filter((p) => p !== "/hope"));
  await context.close();
});

test("a page on its way to the phone as the person signs out and wipes is not kept", async ({ browser }) => {
  test.setTimeout(60_000);
  const [context, page] = await jayWithPagesKept(browser);
  // The worker asks for a page to keep; its answer (made while the session was live) is held
  // until the person has signed out and wiped the phone, then let through.
  let release!: () => void;
  const held = new Promise<void>((r) => (release = r));
  let answered!: () => void;
  const fetched = new Promise<void>((r) => (answered = r));
  await context.route("**/me/steps", async (route) => {
    const response = await route.fetch();
    answered();
    await held;
    await route.fulfill({ response }).catch(() => undefined);
  });
  await page.evaluate(() => {
    void fetch("/me/steps", { headers: { "X-Waymark-Prefetch": "1" } }).catch(() => undefined);
  });
  await fetched;
  await page.getByRole("button", { name: "Sign out and wipe this phone" }).click();
  await expect(page.getByRole("status")).toContainText("Nothing about your licence is left on this phone");
  release();
  await page.waitForTimeout(1000);
  await context.unroute("**/me/steps");
  await nothingPersonalKept(page);
  await context.close();
});

test("a practitioner's pages are never kept, even before signing out", async ({ browser }) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signInPractitioner(page, demo.practitioner);
  await page.evaluate(() => navigator.serviceWorker.ready);
  if (!(await page.evaluate(() => !!navigator.serviceWorker.controller))) await page.reload();
  const pages = ["/caseload", "/caseload/1", "/caseload/1/licence", "/caseload/1/appointments", "/caseload/1/steps"];
  for (const path of pages) {
    await page.goto(path);
    await expect(page.getByText("Jay").first()).toBeVisible();
  }
  expect(await page.evaluate(() => fetch("/caseload/1/calendar.ics").then((r) => r.text()))).toContain("BEGIN:VCALENDAR");
  await expect.poll(() => keptPaths(page)).toEqual(expect.arrayContaining([expect.stringMatching(/^release:\/pkg\/waymark\.[0-9a-f]{16}\.css$/)]));
  expect((await keptPaths(page)).filter((p) => p.includes("/caseload"))).toEqual([]);

  await nothingPersonalOffline(context, page, pages, ["/caseload/1/calendar.ics"], ["Jay", "BEGIN:VCALENDAR"]);
  await context.close();
});

test("a session ended on the server leaves nothing once the phone has had signal", async ({ browser }) => {
  test.setTimeout(60_000);
  const [context, page] = await jayWithPagesKept(browser);

  // Ended elsewhere (as "phone lost" ends it): the phone is not told.
  const cookie = (await context.cookies()).map((c) => `${c.name}=${c.value}`).join("; ");
  const elsewhere = await http.newContext({ baseURL, extraHTTPHeaders: { cookie } });
  expect((await elsewhere.post("/api/sign_out", { form: {} })).ok()).toBe(true);
  await elsewhere.dispose();

  // The phone has signal for a moment: the server says the session is gone.
  await page.goto("/me");
  await expect(page).toHaveURL(/\/sign-in$/);
  await expect.poll(() => keptPaths(page)).not.toEqual(expect.arrayContaining(["person:/me"]));
  await nothingPersonalKept(page);
  await nothingPersonalOffline(context, page, PERSON_PAGES.filter((p) => p !== "/hope"));
  await context.close();
});

test("with no signal, the person's pages stop opening when their session's time is up", async ({ browser }) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signInJay(page);
  await keptForOffline(page);
  await context.setOffline(true);
  await page.goto("/me/licence");
  await expect(page.getByRole("heading", { name: "Your licence", level: 1 })).toBeVisible();
  // The session's end, as the server told the worker, is now in the past.
  await page.evaluate(async () => {
    for (const name of await caches.keys()) {
      if (!name.startsWith("waymark-person-")) continue;
      const cache = await caches.open(name);
      const session = await (await cache.match("/__waymark/session"))!.json();
      await cache.put("/__waymark/session", new Response(JSON.stringify({ ...session, ends: Math.floor(Date.now() / 1000) - 1 })));
    }
  });
  await page.goto("/me/licence");
  await expect(page.getByRole("heading", { name: "You have no signal right now" })).toBeVisible();
  expect(await page.locator("body").innerText()).not.toContain("Your licence has");
  expect((await keptPaths(page)).filter((p) => p.startsWith("person:")), "the ended session's pages are deleted").toEqual([]);
  await context.setOffline(false);
  await context.close();
});
