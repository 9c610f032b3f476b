import { test, expect } from "@playwright/test";
import { expectAccessible, expectNoSidewaysScroll, textAt200 } from "./helpers";

test("the start page explains Waymark and has a way in for each kind of user", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1 })).toContainText("your guide to life on licence");
  await expect(page.getByRole("link", { name: /I am on licence/ })).toHaveAttribute("href", "/sign-in");
  await expect(page.getByRole("link", { name: /I am family or a friend/ })).toHaveAttribute("href", "/hope");
  await expect(page.getByRole("link", { name: /I work in probation/ })).toHaveAttribute("href", "/practitioner/sign-in");
  await expectAccessible(page);
  await expectNoSidewaysScroll(page);
});

test("the hope corner lists helplines and local services without signing in", async ({ page }) => {
  await page.goto("/hope");
  await expect(page.getByRole("heading", { name: "Hope corner", level: 1 })).toBeVisible();
  await expect(page.getByText("Samaritans")).toBeVisible();
  await expect(page.getByRole("link", { name: "Call 116 123" })).toHaveAttribute("href", "tel:116123");
  await expect(page.getByText("Northbridge Food Bank")).toBeVisible();
  await expectAccessible(page);
  await expectNoSidewaysScroll(page);
});

test("an unknown address gets a plain 'cannot find' page", async ({ page }) => {
  const response = await page.goto("/no/such/page");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "We cannot find that page" })).toBeVisible();
  await expectAccessible(page);
});

test("pages fit a 320px screen, with text at 200%", async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 320, height: 640 } });
  const page = await context.newPage();
  for (const path of ["/", "/hope", "/sign-in", "/activate", "/practitioner/sign-in"]) {
    await page.goto(path);
    await expectNoSidewaysScroll(page);
    // The browser's text size at 200%: everything is in rem, so it scales from the root.
    await textAt200(page);
    await expectNoSidewaysScroll(page);
  }
  await context.close();
});

test("tap targets are at least 44px tall", async ({ page }) => {
  await page.goto("/");
  const heights = await page.$$eval("main a, main button, header a, header button", (els) =>
    els.map((e) => [e.textContent?.trim(), e.getBoundingClientRect().height] as [string, number])
  );
  for (const [name, height] of heights) {
    expect(height, `${name} is ${height}px tall`).toBeGreaterThanOrEqual(44);
  }
});
