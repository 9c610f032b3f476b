import { test, expect } from "@playwright/test";
import { demo, expectAccessible, expectNoSidewaysScroll, newPerson, openDesk, signInPractitioner } from "./helpers";

test("a case moves with a handover: the old officer loses it, the new one reads it, the person is told", async ({
  browser,
}) => {
  test.slow(); // two desks and a phone
  const name = `Moving ${Date.now() % 100000}`;
  const { desk, phone } = await newPerson(browser, name, "4826");
  const caseUrl = new URL(desk.url()).pathname;

  await openDesk(desk, `${caseUrl}/move`);
  await expect(desk.getByRole("heading", { name: `Move ${name} to another practitioner` })).toBeVisible();
  await expectAccessible(desk);
  // A mistake first: the reason, and nothing typed is lost.
  await desk.getByLabel("Work email of the practitioner taking the case").fill(demo.colleague);
  await desk.getByLabel("What to keep in mind").fill("Gets anxious in the big waiting room.");
  await desk.getByRole("button", { name: "Move the case" }).click();
  await expect(desk.getByRole("alert")).toContainText("Write what is going well");
  await expect(desk.getByLabel("What to keep in mind")).toHaveValue("Gets anxious in the big waiting room.");
  await expect(desk.getByLabel("Work email of the practitioner taking the case")).toHaveValue(demo.colleague);
  await expectAccessible(desk);
  await desk.getByLabel("What is going well").fill("Came to every appointment and started a course.");
  await desk.getByRole("button", { name: "Move the case" }).click();
  // Sam is Northbridge's office admin too: back to the office's list, the case now Priya's.
  await expect(desk.locator(".banner")).toContainText("The case has moved");
  await expect(desk.getByText(`${name}: Priya Shah.`)).toBeVisible();
  await expectAccessible(desk);
  // Sam can no longer open it.
  await desk.goto(caseUrl);
  await expect(desk.getByRole("heading", { name: "Sorry" })).toBeVisible();

  const priya = await (await browser.newContext()).newPage();
  await signInPractitioner(priya, demo.colleague);
  await expect(priya.getByRole("heading", { name: /handovers? to read/ })).toBeVisible();
  await priya.getByRole("link", { name: `Handover for ${name}` }).click();
  await expect(priya.getByText("Came to every appointment and started a course.")).toBeVisible();
  await expect(priya.getByText("Gets anxious in the big waiting room.")).toBeVisible();
  await expectAccessible(priya);
  await priya.getByRole("button", { name: "I have read this handover" }).click();
  await expect(priya.locator(".banner")).toContainText("marked as read");
  await openDesk(priya, "/caseload");
  await expect(priya.getByRole("link", { name: `Handover for ${name}` })).toHaveCount(0);

  // The person: who their new officer is, and that they need not start again; never the notes.
  await phone.goto("/me");
  await expect(phone.getByText("Your new probation officer is Priya Shah. Sam has told Priya about your plan")).toBeVisible();
  await expect(phone.getByText("Gets anxious")).toHaveCount(0);
  await expectAccessible(phone);
  await expectNoSidewaysScroll(phone);
  await phone.getByRole("link", { name: "Priya Shah" }).click();
  await expect(phone).toHaveURL(/\/me#officer$/);
});
