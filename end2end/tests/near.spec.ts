import { test, expect } from "@playwright/test";
import { expectAccessible } from "./helpers";

test.describe("the phone shares where it is", () => {
  test.use({ geolocation: { latitude: 51.45449, longitude: -2.58791 }, permissions: ["geolocation"] });

  test("nearest first: the list comes back with the filters kept and the place rounded", async ({ page }) => {
    await page.goto("/hope?need=food");
    await page.getByRole("link", { name: "Show the help nearest to me first" }).click();
    await expect(page).toHaveURL(/\/hope\?need=food&lat=51\.45&lon=-2\.59$/);
    await expect(page.getByRole("heading", { name: "Hope corner" })).toBeVisible();
    await expect(page.getByText("Nearest first.")).toBeVisible();
    await expect(page.getByText(/About [\d.]+ miles? away/).first()).toBeVisible();
  });
});

test.describe("the phone does not share where it is", () => {
  test.use({ permissions: [] });

  test("a calm message, and the way back to the list", async ({ page, context }) => {
    await context.clearPermissions();
    await page.goto("/hope/near?need=food&area=Bristol");
    await expect(page.locator(".near-me")).toContainText("did not share where you are");
    await expectAccessible(page);
    await page.getByRole("link", { name: "Back to the list" }).click();
    await expect(page).toHaveURL(/\/hope\?need=food&area=Bristol$/);
  });
});
