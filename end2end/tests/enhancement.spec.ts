import { test, expect } from "@playwright/test";
import { demo, expectAccessible, signInJay, signInPractitioner, waitForHydration } from "./helpers";

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
    await expect(page.getByRole("alert")).toContainText("That did not work");
    await page.getByLabel("Your PIN").fill(demo.jayPin);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByRole("heading", { name: "Hello, Jay" })).toBeVisible();
  });

  test("a person reads a letter with a plain form; no button that needs the app is shown", async ({ browser }) => {
    const desk = await (await browser.newContext({ javaScriptEnabled: false })).newPage();
    await signInPractitioner(desk);
    const title = `Plain form ${Date.now() % 100000}`;
    await desk.goto("/caseload/1/licence");
    await desk.getByLabel("Title", { exact: true }).fill(title);
    await desk.getByLabel("Explanation", { exact: true }).fill("See you on Monday at ten.");
    await desk.getByRole("button", { name: "Send to Jay" }).click();
    await expect(desk.locator(".letters-sent li", { hasText: title })).toContainText("Not read yet");

    const page = await (await browser.newContext({ javaScriptEnabled: false })).newPage();
    await signInJay(page);
    await expect(page.getByRole("button", { name: "Send now" })).toHaveCount(0);
    await page.goto("/me/licence");
    const letter = page.locator("article.letter", { hasText: title });
    await expect(letter).toContainText("New. Not read yet");
    await letter.getByRole("button", { name: "I have read this" }).click();
    await expect(page).toHaveURL(/\/me\/licence\?read=\d+/);
    await expect(page.locator("article.letter", { hasText: title })).toContainText("You read this: Today");
    await expect(page.getByRole("button", { name: "Send now" })).toHaveCount(0);
    await desk.reload();
    await expect(desk.locator(".letters-sent li", { hasText: title })).toContainText(/Read on \w{3} \d{1,2} \w{3} at /);
  });

  test("the display options work as a plain form and are kept on the phone", async ({ page }) => {
    await page.goto("/hope?need=food");
    const larger = page.getByRole("button", { name: "Larger text" });
    await expect(larger).toHaveAttribute("aria-pressed", "false");
    await larger.click();
    // Back on the same page, drawn by the server in larger text.
    await expect(page).toHaveURL(/\/hope\?need=food$/);
    await expect(page.locator("html")).toHaveClass(/large-text/);
    await expect(page.getByRole("button", { name: "Larger text" })).toHaveAttribute("aria-pressed", "true");
    await page.getByRole("button", { name: "High contrast" }).click();
    await expect(page.locator("html")).toHaveClass(/high-contrast/);
    await page.goto("/");
    await expect(page.locator("html")).toHaveClass(/large-text/);
    await page.getByRole("button", { name: "Larger text" }).click();
    await expect(page.locator("html")).not.toHaveClass(/large-text/);
    await expect(page.locator("html")).toHaveClass(/high-contrast/);
  });
});

test("public pages load no app: the landing page and the hope corner fetch no wasm", async ({ page }) => {
  const fetched: string[] = [];
  page.on("request", (r) => fetched.push(r.url()));
  for (const path of ["/", "/hope", "/hope/families", "/sign-in"]) {
    await page.goto(path);
    await page.waitForLoadState("networkidle");
  }
  expect(fetched.filter((u) => /\.(wasm|js)$/.test(new URL(u).pathname) && !/\/register-sw\.[0-9a-f]{16}\.js$/.test(u))).toEqual([]);
  // With no app, the display options are a form post; high contrast passes axe too.
  await page.getByRole("button", { name: "High contrast" }).click();
  await expect(page.locator("html")).toHaveClass(/high-contrast/);
  await expectAccessible(page);
});

test("with the app running, a display option applies at once and is kept", async ({ page }) => {
  await signInJay(page);
  await waitForHydration(page);
  // Marks this very page: a reload or a form post would wipe it.
  await page.evaluate(() => ((window as any).stillHere = true));
  const larger = page.getByRole("button", { name: "Larger text" });
  await expect(larger).toHaveAttribute("aria-pressed", "false");
  await larger.click();
  await expect(larger).toHaveAttribute("aria-pressed", "true");
  await expect(page.locator("html")).toHaveClass(/large-text/);
  expect(await page.evaluate(() => (window as any).stillHere)).toBe(true);
  await expectAccessible(page);

  // Kept on the phone: the server draws the next page in larger text from the first byte.
  const html = await (await page.request.get("/me/licence")).text();
  expect(html).toMatch(/<html lang="en-GB" class="large-text"/);
  await page.goto("/hope");
  await expect(page.locator("html")).toHaveClass(/large-text/);

  // The app takes the choice from the page the server drew: one tap turns it off again.
  await page.goto("/me");
  await waitForHydration(page);
  await page.evaluate(() => ((window as any).stillHere = true));
  const again = page.getByRole("button", { name: "Larger text" });
  await expect(again).toHaveAttribute("aria-pressed", "true");
  await again.click();
  await expect(again).toHaveAttribute("aria-pressed", "false");
  await expect(page.locator("html")).not.toHaveClass(/large-text/);
  expect(await page.evaluate(() => (window as any).stillHere)).toBe(true);
  expect(await (await page.request.get("/me")).text()).not.toMatch(/<html[^>]*large-text/);
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

test("with the app running, the phone's panel shows only what works: no button that does nothing", async ({ page }) => {
  await signInJay(page);
  await waitForHydration(page);
  const panel = page.locator(".sync-panel");
  await expect(panel).toContainText("Everything is sent.");
  // Only "Send now": the button for reading refusals is hidden while there are none.
  await expect(panel.getByRole("button")).toHaveText(["Send now"]);
});
