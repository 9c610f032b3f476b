import { test, expect } from "@playwright/test";
import { demo, expectAccessible, waitForHydration } from "./helpers";

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("a practitioner signs in and sees the caseload", async ({ page }) => {
    await page.goto("/practitioner/sign-in");
    await page.getByLabel("Work email").fill(demo.practitioner);
    await page.getByLabel("Password").fill(demo.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page).toHaveURL(/\/caseload$/);
    await expect(page.locator(".case-card", { hasText: "Jay" })).toBeVisible();
  });

  test("a person signs in and sees their home; errors still show", async ({ page }) => {
    await page.goto("/sign-in");
    await page.getByLabel("Your Waymark number").fill(demo.jayNumber);
    await page.getByLabel("Your PIN").fill("1");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByRole("alert")).toContainText("do not match");
    await page.getByLabel("Your PIN").fill(demo.jayPin);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByRole("heading", { name: "Hello, Jay" })).toBeVisible();
  });

  test("controls that need the app stay hidden", async ({ page }) => {
    await page.goto("/");
    await expect(page.getByRole("button", { name: "Larger text" })).toBeHidden();
  });
});

test("the display options work only once the app has hydrated, and are kept", async ({ page }) => {
  await page.goto("/");
  await waitForHydration(page);
  const larger = page.getByRole("button", { name: "Larger text" });
  await expect(larger).toHaveAttribute("aria-pressed", "false");
  await larger.click();
  await expect(larger).toHaveAttribute("aria-pressed", "true");
  await expect(page.locator("html")).toHaveClass(/large-text/);
  await page.getByRole("button", { name: "High contrast" }).click();
  await expect(page.locator("html")).toHaveClass(/high-contrast/);
  await expectAccessible(page);

  // Kept on the phone: still on after a reload and on another page.
  await page.goto("/hope");
  await waitForHydration(page);
  await expect(page.locator("html")).toHaveClass(/large-text/);
  await expect(page.getByRole("button", { name: "Larger text" })).toHaveAttribute("aria-pressed", "true");
});

test("the app is installable: manifest, icons and a service worker", async ({ page }) => {
  await page.goto("/");
  const manifestHref = await page.locator("link[rel=manifest]").getAttribute("href");
  const manifest = await (await page.request.get(manifestHref!)).json();
  expect(manifest.name).toBe("Waymark");
  expect(manifest.theme_color).toBe("#1d4f47");
  for (const icon of manifest.icons) {
    expect((await page.request.get(icon.src)).ok(), icon.src).toBeTruthy();
  }
  await expect(page.locator("meta[name=theme-color]")).toHaveAttribute("content", "#1d4f47");
  const scope = await page.evaluate(async () => (await navigator.serviceWorker.ready).scope);
  expect(scope).toMatch(/\/$/);
  // Each release has its own cache, so a new one replaces the old cleanly.
  const worker = await (await page.request.get("/sw.js")).text();
  expect(worker).toMatch(/const VERSION = "waymark-[0-9a-f]{12}";/);
  const names = await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
    return caches.keys();
  });
  expect(names.every((n) => /^waymark-[0-9a-f]{12}$/.test(n)), names.join(", ")).toBeTruthy();
});
