import { test, expect } from "@playwright/test";
import { expectAccessible, expectNoSidewaysScroll, signInJay, waitUntilKeptForOffline } from "./helpers";

// The week as a picture on the person's home (issue 16.2).
test("the home shows the week as a picture; a tap on a mark opens it; it shows offline too", async ({ page, context }) => {
  await signInJay(page);
  const week = page.locator("section.week");
  await expect(week.getByRole("heading", { name: "Your week" })).toBeVisible();
  // Jay's curfew, 7 pm to 7 am: a morning and an evening on each of seven days.
  await expect(week.locator(".week-home")).toHaveCount(14);
  await expect(week.locator(".week-now")).toHaveCount(1);
  // The words, day by day, for a screen reader: tomorrow's appointment among them.
  await expect(week.locator("ol.visually-hidden li")).toHaveCount(7);
  await expect(week.locator("ol.visually-hidden")).toContainText(/Tomorrow\.[^]*at 10:30 am\./);
  await expect(week.locator(".week-key")).toContainText("Be at home");
  await expectAccessible(page);
  await expectNoSidewaysScroll(page);

  await waitUntilKeptForOffline(page);
  await context.setOffline(true);
  await page.goto("/me");
  await expect(page.locator("section.week .week-home")).toHaveCount(14);
  await context.setOffline(false);

  const mark = week.locator("a.week-mark").first();
  const href = await mark.getAttribute("href");
  expect(href).toMatch(/^\/me\/appointments#(a-\d+|r-\d+-h)$/);
  await mark.click();
  await expect(page).toHaveURL(new RegExp(`${href!.replace("#", "#")}$`));
});
