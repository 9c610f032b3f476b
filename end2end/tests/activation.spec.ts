import { test, expect } from "@playwright/test";
import { expectAccessible, signInPractitioner } from "./helpers";

test("a practitioner adds a person; the person activates with the code, sets a PIN and stays signed in", async ({
  browser,
}) => {
  // The practitioner's desk.
  const desk = await (await browser.newContext()).newPage();
  await signInPractitioner(desk);
  await desk.getByRole("link", { name: "Add a person" }).click();
  await expectAccessible(desk);
  const name = `Robin ${Date.now() % 100000}`;
  await desk.getByLabel("Name they want to be called").fill(name);
  await desk.getByLabel("Licence start date").fill("2026-11-20");
  await desk.getByLabel("Licence end date").fill("2027-11-19");
  await desk.getByRole("button", { name: "Add and make a code" }).click();
  await expect(desk.getByRole("heading", { name, level: 1 })).toBeVisible();
  const code = (await desk.getByTestId("activation-code").textContent())?.trim() ?? "";
  expect(code).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}$/);
  await expectAccessible(desk);

  // The person's phone.
  const phone = await (await browser.newContext()).newPage();
  await phone.goto("/");
  await phone.getByRole("link", { name: /I am on licence/ }).click();
  await phone.getByRole("link", { name: /Start with the code/ }).click();
  await expectAccessible(phone);
  await phone.getByLabel("Your code").fill(code.toLowerCase());
  await phone.getByLabel("Choose a PIN").fill("4826");
  await phone.getByLabel("Type the PIN again").fill("4826");
  await phone.getByRole("button", { name: "Start" }).click();
  await expect(phone).toHaveURL(/\/me/);
  await expect(phone.getByRole("heading", { name: `Hello, ${name}` })).toBeVisible();
  await expect(phone.locator(".banner")).toContainText("Your Waymark number is");
  await expectAccessible(phone);

  await phone.reload();
  await expect(phone.getByRole("heading", { name: `Hello, ${name}` })).toBeVisible();

  // The desk sees the person is now using Waymark.
  await desk.goto("/caseload");
  await expect(desk.locator(".case-card", { hasText: name })).toContainText("Using Waymark");
});

test("a wrong code is explained and nothing typed is lost but the PIN", async ({ page }) => {
  await page.goto("/activate");
  await page.getByLabel("Your code").fill("ABCD-EFGH");
  await page.getByLabel("Choose a PIN").fill("4826");
  await page.getByLabel("Type the PIN again").fill("4826");
  await page.getByRole("button", { name: "Start" }).click();
  await expect(page.getByRole("alert")).toContainText("That code does not work");
  await expect(page.getByLabel("Your code")).toHaveValue("ABCD-EFGH");
  await expectAccessible(page);
});
