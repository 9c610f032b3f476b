import { test, expect } from "@playwright/test";
import { demo, expectAccessible, expectNoSidewaysScroll } from "./helpers";

test("a person signs in with number and PIN and sees their home", async ({ page }) => {
  await page.goto("/sign-in");
  await expectAccessible(page);
  await page.getByLabel("Your Waymark number").fill("4000 0001");
  await page.getByLabel("Your PIN").fill(demo.jayPin);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { name: "Hello, Jay" })).toBeVisible();
  await expect(page.locator("section", { hasText: "Your next appointment" })).toContainText("Tomorrow, 10:30 am");
  // Other tests add rules to Jay while this runs: the count is whatever the licence holds.
  await expect(page.locator("section", { hasText: "Your licence" })).toContainText(/Your licence has (\d+) rules\.\s*\d+ of \1 understood/);
  await expect(page.locator("section", { hasText: "Your steps" })).toContainText("ID documents");
  await expectAccessible(page);
  await expectNoSidewaysScroll(page);
});

test("a wrong PIN is explained", async ({ page }) => {
  await page.goto("/sign-in");
  await page.getByLabel("Your Waymark number").fill(demo.jayNumber);
  await page.getByLabel("Your PIN").fill("9753");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("alert")).toContainText("That did not work");
  await expect(page.getByLabel("Your Waymark number")).toHaveValue(demo.jayNumber);
  await expectAccessible(page);
});

test("the person's page needs signing in", async ({ page }) => {
  await page.goto("/me");
  await expect(page).toHaveURL(/\/sign-in$/);
});
