import { test, expect } from "@playwright/test";
import { expectAccessible, signInJay, signInPractitioner } from "./helpers";

test("a reporting rule on the licence shows the person when and where to report, like an appointment", async ({
  browser,
}) => {
  const desk = await (await browser.newContext()).newPage();
  await signInPractitioner(desk);
  await desk.goto("/caseload/1/licence/add/4.0/2027ae19-04a2-4fa6-8d1b-a62dffba2e62");
  const station = `Northbridge Police Station ${Date.now() % 100000}`;
  await desk.getByLabel("Enter name of police station").fill(station);
  await desk.getByLabel("Monday to Friday").check();
  await desk.getByLabel("Once a day").check();
  await desk.getByLabel("Enter the reporting time").fill("10:00");
  await desk.getByLabel("Weekly").check();
  await desk.getByRole("button", { name: "Add to the licence" }).click();
  await expect(desk).toHaveURL(/\/caseload\/1\/licence$/);
  await desk.goto("/caseload/1/appointments");
  await expect(desk.getByText(`Report to ${station} at 10am, Monday to Friday.`)).toBeVisible();

  const phone = await (await browser.newContext()).newPage();
  await signInJay(phone);
  await expect(phone.getByText("Next time to report:")).toBeVisible();
  await phone.getByRole("link", { name: "All your appointments" }).click();
  const card = phone.locator("section.card", { hasText: `Report to ${station}` });
  await expect(card).toContainText("Monday to Friday.");
  await expect(card.locator("li.when")).toHaveCount(3);
  const calendar = card.getByRole("link", { name: "Add to my calendar" });
  const file = await (await phone.request.get((await calendar.getAttribute("href"))!)).text();
  expect(file).toContain("RRULE:FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR");
  await expectAccessible(phone);
});
