import { test, expect } from "@playwright/test";
import { expectAccessible, expectNoSidewaysScroll, newPerson, openDesk, waitUntilKeptForOffline } from "./helpers";

test("a person says how things are; a low mood shows the helplines at once; the desk sees it first and the person is told it was seen", async ({
  browser,
}) => {
  test.slow(); // a desk and a phone
  const name = `Checks ${Date.now() % 100000}`;
  const { desk, phone } = await newPerson(browser, name, "4826");
  const caseUrl = desk.url();

  await phone.getByRole("link", { name: "Check in" }).click();
  await expect(phone.getByRole("heading", { name: "How are things?", level: 1 })).toBeVisible();
  await expect(phone.getByText("This is not an emergency service.")).toBeVisible();
  await expect(phone.getByRole("link", { name: "Call 116 123" })).toHaveAttribute("href", "tel:116123");
  const lowHelp = phone.locator(".low-mood-help");
  await expect(lowHelp).toBeHidden();
  await expectAccessible(phone);

  // Sent with no mood: a clear reason, and what was written is kept.
  await phone.getByLabel("Anything else you want to say? (optional)").fill("My hostel room is being taken away.");
  await phone.getByLabel("A place to live").check();
  await phone.getByRole("button", { name: "Send to my probation officer" }).click();
  await expect(phone.getByRole("alert")).toContainText("Choose how things are for you.");
  await expect(phone.getByLabel("Anything else you want to say? (optional)")).toHaveValue(
    "My hostel room is being taken away."
  );
  await expect(phone.getByLabel("A place to live")).toBeChecked();
  await expectAccessible(phone);

  // A low mood: the helplines come next to the choice before anything is sent.
  await phone.getByLabel("Not good", { exact: true }).check();
  await expect(lowHelp).toBeVisible();
  await expect(lowHelp).toContainText("Samaritans");
  await expect(lowHelp).toContainText("choose option 2");
  await phone.getByLabel("Okay", { exact: true }).check();
  await expect(lowHelp).toBeHidden();
  await phone.getByLabel("Not good", { exact: true }).check();
  await phone.getByLabel("Please contact me before my next appointment").check();
  await phone.getByRole("button", { name: "Send to my probation officer" }).click();
  await expect(phone.locator(".banner")).toContainText("You do not have to wait for your officer");
  await expect(phone.locator("#check-ins")).toContainText("Not good. Help with: A place to live.");
  await expect(phone.locator("#check-ins")).toContainText("You asked to be contacted.");
  await expect(phone.locator("#check-ins")).toContainText("Not seen yet.");
  await expectAccessible(phone);
  await phone.setViewportSize({ width: 320, height: 640 });
  await expectNoSidewaysScroll(phone);

  // At the desk: first on the caseload, marked for attention.
  await openDesk(desk, "/caseload");
  await expect(desk.getByRole("link", { name: `${name}: Not good (2 of 5). Asks you to contact them.`, exact: false })).toBeVisible();
  await expect(desk.locator(".case-card.attention", { hasText: name })).toContainText("Asks you to contact them.");
  await expectAccessible(desk);
  await openDesk(desk, `${caseUrl}/check-ins`);
  await expect(desk.getByText("They wrote: My hostel room is being taken away.")).toBeVisible();
  await expectAccessible(desk);
  await desk.getByRole("button", { name: "Mark as seen" }).click();
  await expect(desk.getByText(/Seen by Sam Okafor/)).toBeVisible();

  await phone.goto("/me/check-in");
  await expect(phone.locator("#check-ins")).toContainText("Sam Okafor has seen it.");
  await phone.goto("/me");
  await expect(phone.getByText("Sam Okafor has seen it.")).toBeVisible();
});

test("with no signal a check-in is kept on the phone, the helplines still show, and it is sent when signal comes back", async ({
  browser,
}) => {
  test.slow();
  const name = `Quiet ${Date.now() % 100000}`;
  const { desk, phone } = await newPerson(browser, name, "4826");

  await phone.goto("/me/check-in");
  await waitUntilKeptForOffline(phone);
  await phone.context().setOffline(true);
  await phone.reload();
  await expect(phone.getByRole("heading", { name: "How are things?", level: 1 })).toBeVisible();
  await phone.getByLabel("Very bad", { exact: true }).check();
  await expect(phone.locator(".low-mood-help")).toBeVisible();
  await phone.getByLabel("Money", { exact: true }).check();
  await phone.getByRole("button", { name: "Send to my probation officer" }).click();
  await expect(phone.locator(".sync-panel")).toContainText("You told us how things are");
  await expect(phone.locator("#check-ins [data-sync-state]")).toContainText("You said: Very bad (waiting to send)");

  await phone.context().setOffline(false);
  await expect(phone.locator(".sync-panel")).toContainText("Everything is sent.", { timeout: 20_000 });
  await expect(async () => {
    await phone.goto("/me/check-in");
    await expect(phone.locator("#check-ins")).toContainText("Very bad. Help with: Money.", { timeout: 2_000 });
  }).toPass({ timeout: 20_000 });

  await openDesk(desk, "/caseload");
  await expect(desk.getByRole("link", { name: `${name}: Very bad (1 of 5).`, exact: false })).toBeVisible();
});
