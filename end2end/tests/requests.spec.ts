import { test, expect } from "@playwright/test";
import { expectAccessible, expectNoSidewaysScroll, newPerson, openDesk, waitUntilKeptForOffline } from "./helpers";

/** A date `days` from today, as a date input takes it. */
function inDays(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

test("a person asks to travel to a wedding; the desk sees how long it has waited and answers in writing; the answer is a letter", async ({
  browser,
}) => {
  test.slow(); // a desk and a phone
  const name = `Asks ${Date.now() % 100000}`;
  const { desk, phone } = await newPerson(browser, name, "4826");
  const caseUrl = desk.url();

  await phone.getByRole("link", { name: "Ask for something" }).click();
  await expect(phone.getByRole("heading", { name: "Ask your probation officer", level: 1 })).toBeVisible();
  await expectAccessible(phone);
  // A mistake first: the reason, and nothing typed is lost.
  await phone.getByLabel("To travel, or stay away from home").check();
  await phone.getByLabel("Where? (if it is about a place)").fill("Leeds");
  await phone.getByLabel("From which day? (if it has a date)").fill(inDays(30));
  await phone.getByLabel("Until which day? (if it is more than one day)").fill(inDays(28));
  await phone.getByLabel("What are you asking for, and why?").fill("My daughter's wedding. I would like to stay two nights.");
  await phone.getByRole("button", { name: "Send my request" }).click();
  await expect(phone.getByRole("alert")).toContainText("The last day must be the same as the first day or after it.");
  await expect(phone.getByLabel("Where? (if it is about a place)")).toHaveValue("Leeds");
  await expect(phone.getByLabel("What are you asking for, and why?")).toHaveValue(
    "My daughter's wedding. I would like to stay two nights."
  );
  await expectAccessible(phone);
  await phone.getByLabel("Until which day? (if it is more than one day)").fill(inDays(32));
  await phone.getByRole("button", { name: "Send my request" }).click();
  await expect(phone.locator(".banner")).toContainText("Your probation officer will answer in writing.");
  await expect(phone.locator("#requests")).toContainText("Travel: Leeds");
  await expect(phone.locator("#requests")).toContainText("Not answered yet. Waiting since today.");
  await phone.setViewportSize({ width: 320, height: 640 });
  await expectNoSidewaysScroll(phone);

  await openDesk(desk, "/caseload");
  await expect(desk.getByRole("link", { name: new RegExp(`${name}: Travel: Leeds.*Waiting since today`) })).toBeVisible();
  await expectAccessible(desk);
  await openDesk(desk, `${caseUrl}/requests`);
  await expect(desk.getByText("They wrote: My daughter's wedding. I would like to stay two nights.")).toBeVisible();
  await expectAccessible(desk);
  // A no needs reasons.
  await desk.getByLabel("No", { exact: true }).check();
  await desk.getByRole("button", { name: "Send the answer" }).click();
  await expect(desk.getByRole("alert")).toContainText("Write your reasons.");
  await desk.getByLabel("Yes, with conditions").check();
  await desk.getByLabel("Your answer in writing (they read it)").fill("Yes. Be back by 10 pm on the last day, and text me the address.");
  await desk.getByRole("button", { name: "Send the answer" }).click();
  await expect(desk.locator(".banner")).toContainText("it is kept as a letter on their licence");
  await expectAccessible(desk);

  await phone.goto("/me/requests");
  await expect(phone.locator("#requests")).toContainText("Sam Okafor answered: Yes, if you do what it says below.");
  await expect(phone.locator("#requests")).toContainText("text me the address");
  await phone.goto("/me");
  await expect(phone.getByRole("link", { name: /Your request: Travel: Leeds/ })).toBeVisible();
});

test("with no signal a request is kept on the phone and sent when signal comes back", async ({ browser }) => {
  test.slow();
  const name = `Away ${Date.now() % 100000}`;
  const { desk, phone } = await newPerson(browser, name, "4826");

  await phone.goto("/me/requests");
  await waitUntilKeptForOffline(phone);
  await phone.context().setOffline(true);
  await phone.reload();
  await expect(phone.getByRole("heading", { name: "Ask your probation officer", level: 1 })).toBeVisible();
  await phone.getByLabel("A change to my curfew times").check();
  await phone.getByLabel("What are you asking for, and why?").fill("My new job ends at 10 pm. Can my curfew start at 11?");
  await phone.getByRole("button", { name: "Send my request" }).click();
  await expect(phone.locator(".sync-panel")).toContainText("You asked your probation officer for something");

  await phone.context().setOffline(false);
  await expect(phone.locator(".sync-panel")).toContainText("Everything is sent.", { timeout: 20_000 });
  await expect(async () => {
    await phone.goto("/me/requests");
    await expect(phone.locator("#requests")).toContainText("Curfew times", { timeout: 2_000 });
  }).toPass({ timeout: 20_000 });
  await openDesk(desk, "/caseload");
  await expect(desk.getByRole("link", { name: new RegExp(`${name}: Curfew times`) })).toBeVisible();
});
