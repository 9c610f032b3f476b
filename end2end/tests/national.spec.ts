import { test, expect } from "@playwright/test";
import { demo, expectAccessible, signInPractitioner } from "./helpers";

// National helplines are every office's: an office admin sees who can change
// them, and only a national admin does.
test("an office admin cannot change a national helpline; a national admin can", async ({ page }) => {
  await signInPractitioner(page); // Sam, Northbridge's office admin
  await page.goto("/caseload/hope");
  const samaritans = page.locator(".case-card", { hasText: "Samaritans" });
  await expect(samaritans).toContainText("Only a national admin can change it.");
  await expect(samaritans.getByRole("button")).toHaveCount(0);
  await expectAccessible(page);
  await page.goto("/caseload/step-prices");
  await expect(page.getByText("Only a national admin can change them.")).toBeVisible();
  await page.context().clearCookies();

  await signInPractitioner(page, demo.nationalAdmin);
  await page.goto("/caseload/hope");
  const card = page.locator(".case-card", { hasText: "Samaritans" });
  await card.getByRole("button", { name: "Checked today" }).click();
  const today = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "Europe/London" }).format(new Date());
  await expect(page.locator(".case-card", { hasText: "Samaritans" })).toContainText(`Checked ${today}.`);
  await expectAccessible(page);
});
