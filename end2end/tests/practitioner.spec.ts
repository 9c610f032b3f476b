import { test, expect } from "@playwright/test";
import { demo, expectAccessible, signInPractitioner } from "./helpers";

test("a practitioner signs in and sees their caseload", async ({ page }) => {
  await page.goto("/practitioner/sign-in");
  await expectAccessible(page);
  await signInPractitioner(page);
  await expect(page.getByRole("heading", { name: "Your caseload" })).toBeVisible();
  const jay = page.locator(".case-card", { hasText: "Jay" });
  await expect(jay).toContainText("Tomorrow, 10:30 am: Probation meeting");
  await expect(jay).toContainText(/\d+ open questions?/);
  await expect(page.locator(".case-card", { hasText: "Dee" })).toContainText("Not activated yet");
  await expect(page.getByText("Alex")).toHaveCount(0);
  await expectAccessible(page);
});

test("a wrong password is explained and the email is kept", async ({ page }) => {
  await page.goto("/practitioner/sign-in");
  await page.getByLabel("Work email").fill(demo.practitioner);
  await page.getByLabel("Password").fill("not-the-password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("alert")).toContainText("That email and password do not match");
  await expect(page.getByLabel("Work email")).toHaveValue(demo.practitioner);
  await expectAccessible(page);
});

test("signing out ends the session", async ({ page }) => {
  await signInPractitioner(page);
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByRole("status")).toContainText("You are signed out");
  await page.goto("/caseload");
  await expect(page).toHaveURL(/\/practitioner\/sign-in$/);
});
