import { test, expect, Page } from "@playwright/test";
import { expectAccessible, expectNoSidewaysScroll, watchCsp } from "./helpers";

// Families who are frightened (issue 16.4). The neutral site is answered here,
// so the test needs no internet and can see where the quick exit went.
const NEUTRAL = "https://www.bbc.co.uk/weather";

async function answerTheNeutralSite(page: Page) {
  await page.route(`${NEUTRAL}**`, (route) =>
    route.fulfill({ contentType: "text/html", body: "<!doctype html><title>Weather</title><h1>Weather</h1>" }),
  );
}

test("a search for 'scared' leads to help for people who feel afraid, every number one tap", async ({ page }) => {
  const csp = await watchCsp(page);
  await page.goto("/hope");
  await page.getByLabel("Search for help").fill("scared");
  await page.getByRole("button", { name: "Search" }).click();
  await page.getByRole("link", { name: "Help if you feel afraid" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("If you are afraid of someone coming home");
  await expect(page.getByRole("link", { name: "Call 0808 2000 247" })).toHaveAttribute("href", "tel:08082000247");
  await expect(page.getByRole("link", { name: "Call 999" }).first()).toHaveAttribute("href", "tel:999");
  await expect(page.getByText("press 55")).toBeVisible();
  await expectAccessible(page);
  await expectNoSidewaysScroll(page);
  expect(csp).toEqual([]);
});

test("the quick exit leaves at once, and Back does not bring the page back", async ({ page }) => {
  await answerTheNeutralSite(page);
  await page.goto("/hope");
  await page.goto("/hope/safety");
  const exit = page.getByRole("link", { name: "Leave this site now" });
  await expect(exit).toBeVisible();
  await exit.click();
  await expect(page).toHaveURL(NEUTRAL);
  await page.goBack();
  await expect(page).not.toHaveURL(/\/hope\/safety/);
});

test("Esc pressed twice leaves too; once does nothing", async ({ page }) => {
  await answerTheNeutralSite(page);
  await page.goto("/hope/families");
  await page.keyboard.press("Escape");
  await page.waitForTimeout(300);
  await expect(page).toHaveURL(/\/hope\/families$/);
  await page.keyboard.press("Escape");
  await expect(page).toHaveURL(NEUTRAL);
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });
  test("the quick exit is a plain link to the neutral site, at the top of every public page", async ({ page }) => {
    await answerTheNeutralSite(page);
    for (const path of ["/", "/hope", "/hope/families", "/hope/safety", "/sign-in"]) {
      await page.goto(path);
      await expect(page.getByRole("link", { name: "Leave this site now" })).toHaveAttribute("href", NEUTRAL);
    }
    await page.getByRole("link", { name: "Leave this site now" }).click();
    await expect(page).toHaveURL(NEUTRAL);
  });
});
