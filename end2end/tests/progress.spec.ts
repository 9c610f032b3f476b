import { test, expect } from "@playwright/test";
import { expectAccessible, expectNoSidewaysScroll, newPerson, openDesk, waitUntilKeptForOffline } from "./helpers";

test("a person sets a goal and adds what went well; the officer says well done and the person sees it on their home", async ({
  browser,
}) => {
  test.slow(); // a desk and a phone
  const name = `Goals ${Date.now() % 100000}`;
  const { desk, phone } = await newPerson(browser, name, "4826");
  const caseUrl = desk.url();

  await phone.getByRole("link", { name: "Your goals and what is going well" }).click();
  await expect(phone.getByRole("heading", { name: "Your goals and what is going well", level: 1 })).toBeVisible();
  await expectAccessible(phone);
  // A goal with no area first: the reason, and the words are kept.
  await phone.getByLabel("Your goal", { exact: true }).fill("Get a forklift licence");
  await phone.getByLabel("A small next step (optional)").fill("Ring the college on Monday");
  await phone.getByRole("button", { name: "Save my goal" }).click();
  await expect(phone.getByRole("alert")).toContainText("Choose what your goal is about.");
  await expect(phone.getByLabel("Your goal", { exact: true })).toHaveValue("Get a forklift licence");
  await phone.getByLabel("Work", { exact: true }).check();
  await phone.getByRole("button", { name: "Save my goal" }).click();
  await expect(phone.locator(".banner")).toContainText("Your goal is saved.");
  await expect(phone.locator("#goals")).toContainText("Work: Get a forklift licence");
  await phone.getByLabel("Add something that went well").fill("I finished my first aid course.");
  await phone.getByRole("button", { name: "Add it" }).click();
  await expect(phone.locator("#good-things")).toContainText("I finished my first aid course.");
  await expectAccessible(phone);
  await phone.setViewportSize({ width: 320, height: 640 });
  await expectNoSidewaysScroll(phone);

  await openDesk(desk, `${caseUrl}/progress`);
  await expect(desk.getByText("Work: Get a forklift licence")).toBeVisible();
  await desk.getByLabel("Say well done (they see it)").fill("Brilliant. That will help with work.");
  await desk.getByRole("button", { name: "Send well done" }).click();
  await expect(desk.getByText("Sam Okafor said well done: Brilliant. That will help with work.")).toBeVisible();
  await desk.getByLabel("Record something that went well").fill("A month of appointments kept");
  await desk.getByRole("button", { name: "Record it" }).click();
  await expect(desk.locator(".banner")).toContainText("can see it");
  await expectAccessible(desk);

  await phone.goto("/me");
  await expect(phone.getByText("Sam Okafor says: Brilliant. That will help with work.")).toBeVisible();
  await expect(phone.getByText("A month of appointments kept")).toBeVisible();
  await phone.goto("/me/progress");
  await phone.getByRole("button", { name: "I have done this" }).click();
  await expect(phone.locator(".banner")).toContainText("You reached a goal.");
});

test("with no signal a goal and a good thing are kept on the phone and sent later", async ({ browser }) => {
  test.slow();
  const name = `Steps ${Date.now() % 100000}`;
  const { desk, phone } = await newPerson(browser, name, "4826");
  const caseUrl = desk.url();

  await phone.goto("/me/progress");
  await waitUntilKeptForOffline(phone);
  await phone.context().setOffline(true);
  await phone.reload();
  await phone.getByLabel("Family", { exact: true }).check();
  await phone.getByLabel("Your goal", { exact: true }).fill("See my son every week");
  await phone.getByRole("button", { name: "Save my goal" }).click();
  await expect(phone.locator(".sync-panel")).toContainText("You set a goal");
  await phone.getByLabel("Add something that went well").fill("Two weeks at the new job");
  await phone.getByRole("button", { name: "Add it" }).click();
  await expect(phone.locator(".sync-panel")).toContainText("You added something that went well");

  await phone.context().setOffline(false);
  await expect(phone.locator(".sync-panel")).toContainText("Everything is sent.", { timeout: 20_000 });
  await openDesk(desk, `${caseUrl}/progress`);
  await expect(desk.getByText("Family: See my son every week")).toBeVisible();
  await expect(desk.getByText("Two weeks at the new job")).toBeVisible();
});
