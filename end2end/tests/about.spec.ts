import { test, expect, Page } from "@playwright/test";
import { expectAccessible, expectNoSidewaysScroll, newPerson, openDesk, waitUntilKeptForOffline } from "./helpers";

/** The next `weekday` (0 Sunday … 6 Saturday) at least two days away, as 2026-12-08. */
function next(weekday: number): string {
  const d = new Date(Date.now() + 2 * 86_400_000);
  while (d.getUTCDay() !== weekday) d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

async function fillTime(page: Page, kind: string, name: string, day: string, from: string, to: string) {
  await page.getByLabel(kind, { exact: true }).check();
  await page.getByLabel("What do you call it? (optional)").fill(name);
  await page.getByLabel("Every week", { exact: true }).check();
  await page.getByLabel("If every week: which day?").selectOption(day);
  await page.getByLabel("From (UK time)").fill(from);
  await page.getByLabel("To (UK time)").fill(to);
}

test("a person says once what helps and when they cannot come; their officer sees it and is warned before a clash", async ({
  browser,
}) => {
  test.slow(); // a desk and a phone
  const { desk, phone } = await newPerson(browser, `About ${Date.now() % 100000}`, "4826");
  const caseUrl = desk.url();

  await phone.getByRole("link", { name: "About you" }).click();
  await expect(phone.getByRole("heading", { name: "About you", level: 1 })).toBeVisible();
  await phone.getByLabel("A letter", { exact: true }).check();
  await phone.getByLabel("Things written down", { exact: true }).check();
  await phone.getByLabel("What are you working on?").fill("Getting my forklift licence.");
  await phone.getByRole("button", { name: "Save" }).click();
  await expect(phone.locator(".banner")).toContainText("Saved. Your probation officer can see it.");
  await expect(phone.getByLabel("A letter", { exact: true })).toBeChecked();

  // A time with a mistake first: the reason, and nothing typed is lost.
  await fillTime(phone, "Work", "Early shift", "tuesday", "06:00", "06:00");
  await phone.getByRole("button", { name: "Add this time" }).click();
  await expect(phone.getByRole("alert")).toContainText("The end time must be different from the start time.");
  await expect(phone.getByLabel("What do you call it? (optional)")).toHaveValue("Early shift");
  await expectAccessible(phone);
  await phone.getByLabel("To (UK time)").fill("14:00");
  await phone.getByRole("button", { name: "Add this time" }).click();
  await expect(phone.getByText("Early shift, every Tuesday, 6 am to 2 pm")).toBeVisible();
  await expectAccessible(phone);
  await phone.setViewportSize({ width: 320, height: 640 });
  await expectNoSidewaysScroll(phone);

  await openDesk(desk, `${caseUrl}/about`);
  await expect(desk.getByTestId("busy-times")).toContainText("Early shift, every Tuesday, 6 am to 2 pm");
  await expect(desk.getByText("Getting my forklift licence.")).toBeVisible();
  await expectAccessible(desk);

  // An appointment in the early shift: warned first, set only with a reason the person reads.
  await openDesk(desk, `${caseUrl}/appointments`);
  await desk.getByLabel("Job centre").check();
  await desk.getByLabel("Date").fill(next(2));
  await desk.getByLabel("Start time (UK time)").fill("10:00");
  await desk.getByLabel("Place (address)").fill("Northbridge Jobcentre");
  await desk.getByRole("button", { name: "Set appointment" }).click();
  await expect(desk.getByRole("alert")).toContainText("said they cannot do: Early shift, every Tuesday, 6 am to 2 pm.");
  await expect(desk.getByLabel("Place (address)")).toHaveValue("Northbridge Jobcentre");
  await expectAccessible(desk);
  await desk
    .getByLabel("Why it has to be at this time (the person sees this)")
    .fill("The job centre has no other time this week.");
  await desk.getByRole("button", { name: "Set appointment" }).click();
  await expect(desk.locator(".case-card", { hasText: "Job centre" })).toBeVisible();

  await phone.goto("/me/appointments");
  await expect(phone.getByText("Why it has to be then: The job centre has no other time this week.")).toBeVisible();
});

test("with no signal the person's answers about themselves are kept and sent later; a suggested time is theirs to add", async ({
  browser,
}) => {
  test.slow();
  const { desk, phone } = await newPerson(browser, `Offline ${Date.now() % 100000}`, "4826");
  const caseUrl = desk.url();

  await openDesk(desk, `${caseUrl}/about`);
  await fillTime(desk, "Work", "Warehouse", "thursday", "06:00", "14:00");
  await desk.getByLabel("A note for them (optional)").fill("You told me about the new job.");
  await desk.getByRole("button", { name: "Suggest this time" }).click();
  await expect(desk.locator(".banner")).toContainText("will see it and say yes or no");
  await expectAccessible(desk);

  await phone.goto("/me/about");
  await expect(phone.getByText("You told me about the new job.")).toBeVisible();
  await waitUntilKeptForOffline(phone);
  await phone.context().setOffline(true);
  await phone.getByRole("button", { name: "Yes, add it" }).click();
  await expect(phone.locator(".sync-panel")).toContainText("You answered your probation officer's suggestion");
  await fillTime(phone, "Looking after children", "School run", "monday", "08:15", "09:15");
  await phone.getByRole("button", { name: "Add this time" }).click();
  await expect(phone.locator(".sync-panel")).toContainText("You added a time you cannot do");

  // The page opens again with no signal, from the phone's copy.
  await phone.reload();
  await expect(phone.getByRole("heading", { name: "About you", level: 1 })).toBeVisible();

  await phone.context().setOffline(false);
  await expect(phone.locator(".sync-panel")).toContainText("Everything is sent.", { timeout: 20_000 });
  await expect(async () => {
    await phone.goto("/me/about");
    await expect(phone.getByText("Warehouse, every Thursday, 6 am to 2 pm")).toBeVisible({ timeout: 2_000 });
    await expect(phone.getByText("School run, every Monday, 8:15 am to 9:15 am")).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: 20_000 });
  await expect(phone.getByText("asks if they should add")).toHaveCount(0);

  await openDesk(desk, `${caseUrl}/about`);
  await expect(desk.getByText(/Added by Offline \d+/)).toBeVisible();
});
