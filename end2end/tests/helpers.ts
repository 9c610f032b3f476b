import { expect, Browser, Page } from "@playwright/test";
import AxeBuilder from "@axe-core/playwright";

export const demo = {
  practitioner: "practitioner@demo.waymark.example",
  colleague: "colleague@demo.waymark.example",
  nationalAdmin: "national@demo.waymark.example",
  password: "waymark-demo",
  jayNumber: "40000001",
  jayPin: "2580",
};

/** axe-core, WCAG 2.2 A and AA: no violations allowed. */
export async function expectAccessible(page: Page) {
  const results = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"])
    .analyze();
  const summary = results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target).join(", ")})`);
  expect(summary, `axe violations on ${page.url()}`).toEqual([]);
}

/** Nothing wider than the screen: no sideways scrolling. */
export async function expectNoSidewaysScroll(page: Page) {
  const [scroll, width] = await page.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
  expect(scroll, `page is ${scroll}px wide on a ${width}px screen`).toBeLessThanOrEqual(width);
}

/** The browser's text size at 200%. Set through the CSSOM, which the
 * Content-Security-Policy allows (a <style> tag would be refused). */
export async function textAt200(page: Page) {
  await page.evaluate(() => document.documentElement.style.setProperty("font-size", "200%", "important"));
}

/** Collect Content-Security-Policy violations on every page this tab opens
 * (the browser's own event, and its console message). Call before the first goto. */
export async function watchCsp(page: Page): Promise<string[]> {
  const seen: string[] = [];
  await page.exposeFunction("__waymarkCsp", (what: string) => seen.push(what));
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) =>
      (window as any).__waymarkCsp(`${e.violatedDirective} ${e.blockedURI || "inline"} at ${location.pathname}`)
    );
  });
  page.on("console", (m) => {
    if (m.type() === "error" && /Content Security Policy/i.test(m.text())) seen.push(`${m.text()} at ${page.url()}`);
  });
  return seen;
}

export async function signInPractitioner(page: Page, email = demo.practitioner) {
  await page.goto("/practitioner/sign-in");
  await page.getByLabel("Work email").fill(email);
  await page.getByLabel("Password").fill(demo.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/caseload$/);
}

/** The islands have hydrated once the display options say so (pages with the app only). */
export async function waitForHydration(page: Page) {
  await expect(page.locator(".display-options[data-ready=true]")).toBeVisible();
}

/** Jay, the demo person on licence, signs in on this page. */
export async function signInJay(page: Page) {
  await page.goto("/sign-in");
  await page.getByLabel("Your Waymark number").fill(demo.jayNumber);
  await page.getByLabel("Your PIN").fill(demo.jayPin);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { name: "Hello, Jay" })).toBeVisible();
}

/** The service worker controls the page and has kept the person's pages for offline use. */
export async function waitUntilKeptForOffline(page: Page) {
  await page.evaluate(() => navigator.serviceWorker.ready);
  if (!(await page.evaluate(() => !!navigator.serviceWorker.controller))) {
    await page.reload();
  }
  await waitForHydration(page);
  await expect(page.locator(".sync-panel")).toContainText("Everything is sent.");
  await expect
    .poll(
      () =>
        page.evaluate(async () => {
          const pages = ["/me", "/me/licence", "/me/appointments", "/me/steps", "/me/about", "/me/check-in", "/me/requests", "/me/progress", "/hope"];
          const kept = await Promise.all(pages.map((p) => caches.match(p, { ignoreVary: true })));
          return kept.every((r) => r !== undefined);
        }),
      { message: "the person's pages are kept on the phone" }
    )
    .toBe(true);
}

/** A new person on Sam's caseload, activated on a phone of their own: the desk page and the phone. */
export async function newPerson(browser: Browser, name: string, pin: string): Promise<{ desk: Page; phone: Page }> {
  const desk = await (await browser.newContext()).newPage();
  await signInPractitioner(desk);
  await desk.goto("/caseload/new");
  await desk.getByLabel("Name they want to be called").fill(name);
  await desk.getByLabel("Licence start date").fill("2026-11-20");
  await desk.getByLabel("Licence end date").fill("2027-11-19");
  await desk.getByRole("button", { name: "Add and make a code" }).click();
  await expect(desk.getByRole("heading", { name, level: 1 })).toBeVisible();
  const code = (await desk.getByTestId("activation-code").textContent())?.trim() ?? "";
  const phone = await (await browser.newContext()).newPage();
  await activate(phone, code, pin);
  return { desk, phone };
}

export async function activate(phone: Page, code: string, pin: string) {
  await phone.goto("/activate");
  await phone.getByLabel("Your code").fill(code);
  await phone.getByLabel("Choose a PIN").fill(pin);
  await phone.getByLabel("Type the PIN again").fill(pin);
  await phone.getByRole("button", { name: "Start" }).click();
  await expect(phone.getByRole("heading", { name: /^Hello, / })).toBeVisible();
}

/** Open a desk page; the desk's live update may reload the page it is on and abort a navigation. */
export async function openDesk(desk: Page, url: string) {
  await expect(async () => {
    await desk.goto(url);
    await expect(desk).toHaveURL(url, { timeout: 2_000 });
  }).toPass({ timeout: 20_000 });
}
