import { test, expect, Browser, Page } from "@playwright/test";
import { demo, expectAccessible, signInPractitioner, waitForHydration, waitUntilKeptForOffline } from "./helpers";

// Alex (Priya's case) is used only here, so other tests running beside this
// one do not change what it expects.
const alex = { number: "40000003", pin: "1357", caseId: 3 };

async function signInAlex(page: Page) {
  await page.goto("/sign-in");
  await page.getByLabel("Your Waymark number").fill(alex.number);
  await page.getByLabel("Your PIN").fill(alex.pin);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { name: "Hello, Alex" })).toBeVisible();
}

/** Alex's phone, signed in, with the pages kept, then out of signal. */
async function alexOffline(browser: Browser) {
  const context = await browser.newContext();
  const phone = await context.newPage();
  await signInAlex(phone);
  await waitUntilKeptForOffline(phone);
  await context.setOffline(true);
  return { context, phone };
}

test("with no signal the pages open, changes wait on the phone, and reach the practitioner once", async ({
  browser,
}) => {
  const { context: phoneContext, phone } = await alexOffline(browser);
  await phone.reload();
  await expect(phone.getByRole("heading", { name: "Hello, Alex" })).toBeVisible();
  for (const [path, heading] of [
    ["/me/licence", "Your licence"],
    ["/me/appointments", "Your appointments"],
    ["/hope", "Hope corner"],
    ["/me/steps", "Your steps"],
  ]) {
    await phone.goto(path);
    await expect(phone.getByRole("heading", { name: heading, level: 1 })).toBeVisible();
  }

  // Tick a step with no signal.
  await waitForHydration(phone);
  const step = phone.locator("details.condition").filter({ has: phone.getByRole("button", { name: "It is done" }) }).first();
  const stepTitle = (await step.locator(".condition-headline").textContent())!.trim();
  await step.getByRole("button", { name: "It is done" }).click();
  const panel = phone.locator(".sync-panel");
  await expect(panel).toContainText("Waiting to send: 1");
  await expect(panel).toContainText("sent when you have signal");
  await expect(phone.locator(".pending-note")).toContainText("Kept on this phone");

  // Ask a question about a rule with no signal.
  await phone.goto("/me/licence");
  await waitForHydration(phone);
  const rule = phone.locator("details.condition").first();
  if (!(await rule.getAttribute("open"))) await rule.locator("summary").first().click();
  await rule.locator("summary", { hasText: "I have a question" }).click();
  const question = `Can I go to my brother's wedding? (${Date.now()})`;
  await rule.getByLabel("Your question").fill(question);
  await rule.getByRole("button", { name: "Send my question" }).click();
  await expect(panel).toContainText("Waiting to send: 2");

  // Still kept after the page is opened again with no signal.
  await phone.reload();
  await waitForHydration(phone);
  await expect(phone.locator(".sync-panel")).toContainText("Waiting to send: 2");
  await expectAccessible(phone);

  // Signal comes back: both are sent, once.
  const sent: string[] = [];
  phone.on("request", (r) => {
    if (r.url().endsWith("/api/v1/sync")) sent.push(r.postData() ?? "");
  });
  await phoneContext.setOffline(false);
  await expect(phone.locator(".sync-panel")).toContainText("Everything is sent.", { timeout: 15_000 });

  const deskContext = await browser.newContext();
  const desk = await deskContext.newPage();
  await signInPractitioner(desk, demo.colleague);
  await desk.goto(`/caseload/${alex.caseId}/steps`);
  await expect(desk.locator(".case-card", { hasText: stepTitle })).toContainText("Done");
  await desk.goto(`/caseload/${alex.caseId}/licence`);
  await expect(desk.getByText(question)).toHaveCount(1);
  expect(sent.length, "the outbox was sent").toBeGreaterThan(0);

  await phoneContext.close();
  await deskContext.close();
});

test("the practitioner's page shows a change from the phone without a reload", async ({ browser }) => {
  const deskContext = await browser.newContext();
  const desk = await deskContext.newPage();
  await signInPractitioner(desk, demo.colleague);
  await desk.goto(`/caseload/${alex.caseId}/appointments`);
  await waitForHydration(desk);

  const phoneContext = await browser.newContext();
  const phone = await phoneContext.newPage();
  await signInAlex(phone);
  await phone.goto("/me/appointments");
  const card = phone.locator("section.card").filter({ has: phone.getByRole("button", { name: "I’ll be there" }) }).first();
  await card.getByRole("button", { name: "I’ll be there" }).click();
  await expect(phone.locator(".banner", { hasText: "Thank you" })).toBeVisible();

  // No reload here: the page notices within a few seconds.
  await expect(desk.getByText("Said they will be there").first()).toBeVisible({ timeout: 15_000 });
  await phoneContext.close();
  await deskContext.close();
});

test("a change from the phone never throws away a date the practitioner has half entered", async ({ browser }) => {
  const deskContext = await browser.newContext();
  const desk = await deskContext.newPage();
  await signInPractitioner(desk, demo.colleague);
  await desk.goto(`/caseload/${alex.caseId}/appointments`);
  await waitForHydration(desk);
  // Only a date so far: no words typed, but a reload would lose it.
  const date = desk.locator('input[name="form[date]"]').first();
  await date.fill("2027-01-15");

  const phoneContext = await browser.newContext();
  const phone = await phoneContext.newPage();
  await signInAlex(phone);
  await phone.goto("/me/steps");
  await waitForHydration(phone);
  const step = phone.locator("details.condition").filter({ has: phone.getByRole("button", { name: "It is done" }) }).first();
  const stepCard = phone.locator(`#${await step.getAttribute("id")}`);
  await stepCard.getByRole("button", { name: "It is done" }).click();
  await expect(stepCard.locator(".tag")).toContainText("Done");

  // The desk says there is a change and keeps the date until asked.
  await expect(desk.locator(".live-banner")).toContainText("changed something on their phone", { timeout: 15_000 });
  await expect(date).toHaveValue("2027-01-15");
  await phoneContext.close();
  await deskContext.close();
});

test("sign out and wipe this phone leaves nothing of the case behind", async ({ page }) => {
  await signInAlex(page);
  await waitUntilKeptForOffline(page);
  expect(await page.evaluate(() => localStorage.getItem("waymark.device.3"))).not.toBeNull();

  await page.getByRole("button", { name: "Sign out and wipe this phone" }).click();
  await expect(page.getByRole("status")).toContainText("Nothing about your licence is left on this phone");
  // The service worker may keep the app's own files again; nothing of the case.
  const left = await page.evaluate(async () => {
    const kept: string[] = [];
    for (const name of await caches.keys()) {
      const cache = await caches.open(name);
      kept.push(...(await cache.keys()).map((r) => new URL(r.url).pathname).filter((p) => p.startsWith("/me")));
    }
    return { storage: localStorage.length, kept };
  });
  expect(left).toEqual({ storage: 0, kept: [] });
  await page.goto("/me");
  await expect(page).toHaveURL(/\/sign-in/);
});

test("with no signal a tap shows on the card at once, a second tap is not a second change, and the desk sees one", async ({
  browser,
}) => {
  const { context: phoneContext, phone } = await alexOffline(browser);

  // "I understand" on a rule not read yet: the card itself says so, marked as waiting.
  await phone.goto("/me/licence");
  await waitForHydration(phone);
  const rule = phone.locator("details.condition").filter({ has: phone.locator(".tag", { hasText: "Not read yet" }) }).first();
  const ruleId = await rule.getAttribute("id");
  const card = phone.locator(`#${ruleId}`);
  const understand = card.getByRole("button", { name: "I understand" });
  await understand.click();
  await expect(card.locator(".tag")).toHaveText("You said you understand (waiting to send)");
  await expect(understand, "the button for what already waits goes").toBeHidden();
  // A double tap (the same form sent again before the page changed): kept once.
  await card.locator("form", { has: phone.locator("input[value=understood]") }).evaluate((f: HTMLFormElement) => f.requestSubmit());
  const panel = phone.locator(".sync-panel");
  await expect(panel).toContainText("You did this already");
  await expect(panel).toContainText("Waiting to send: 1");
  const outbox = () => phone.evaluate(() => JSON.parse(localStorage.getItem("waymark.device.3") ?? "{}").outbox?.length);
  expect(await outbox()).toBe(1);

  // A step done: its card shows it, and keeps showing it when the page is opened again.
  await phone.goto("/me/steps");
  await waitForHydration(phone);
  const step = phone.locator("details.condition").filter({ has: phone.getByRole("button", { name: "It is done" }) }).first();
  const stepCard = phone.locator(`#${await step.getAttribute("id")}`);
  await stepCard.getByRole("button", { name: "It is done" }).click();
  await expect(stepCard.locator(".tag")).toHaveText("Done (waiting to send)");
  await phone.reload();
  await waitForHydration(phone);
  await expect(stepCard.locator(".tag")).toHaveText("Done (waiting to send)");
  await expect(stepCard.getByRole("button", { name: "It is done" })).toBeHidden();

  // An appointment: "I'll be there" shows on its card.
  await phone.goto("/me/appointments");
  await waitForHydration(phone);
  const appointment = phone.locator("section.card").filter({ has: phone.getByRole("button", { name: "I’ll be there" }) }).first();
  const appointmentId = await appointment.getAttribute("id");
  await appointment.getByRole("button", { name: "I’ll be there" }).click();
  await expect(phone.locator(`#${appointmentId} [data-sync-state]`)).toHaveText("You said you will be there (waiting to send)");
  await expect(panel).toContainText("Waiting to send: 3");
  await expectAccessible(phone);

  // Signal: everything sent once; the desk has one "I understand" for that rule.
  await phoneContext.setOffline(false);
  await expect(panel).toContainText("Everything is sent.", { timeout: 15_000 });
  await phone.goto("/me/licence");
  await expect(card.locator(".tag")).toHaveText("You said you understand");
  const desk = await (await browser.newContext()).newPage();
  await signInPractitioner(desk, demo.colleague);
  await desk.goto(`/caseload/${alex.caseId}/licence`);
  const deskCard = desk.locator(`#${ruleId}`);
  await expect(deskCard).toContainText("Understood");
  await expect(deskCard.locator(".msg", { hasText: "I understand this rule." })).toHaveCount(1);
  await phoneContext.close();
});
