import { test, expect } from "@playwright/test";
import * as fs from "node:fs";
import * as path from "node:path";
import { expectAccessible, signInJay, signInPractitioner } from "./helpers";

test("anyone browses the hope corner by need, searches, and opens a service", async ({ page }) => {
  await page.goto("/hope");
  await expect(page.getByRole("heading", { name: "Hope corner", level: 1 })).toBeVisible();
  await expectAccessible(page);

  await page.getByRole("link", { name: "Food", exact: true }).click();
  await expect(page).toHaveURL(/need=food/);
  const cards = page.locator(".service-card");
  await expect(cards).toHaveCount(2);
  await expect(page.getByRole("link", { name: "Food", exact: true })).toHaveAttribute("aria-current", "page");

  await page.getByRole("link", { name: "Show all help" }).click();
  await page.getByLabel("Search for help").fill("clothes");
  await page.getByLabel("Area").selectOption("Northbridge");
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page).toHaveURL(/q=clothes/);
  await expect(cards).toHaveCount(1);
  await expect(cards.first()).toContainText("Second Chance Clothes");
  await expect(cards.first()).toContainText(/Open now|Closed/);
  await expectAccessible(page);

  await cards.first().getByRole("link", { name: "Second Chance Clothes" }).click();
  await expect(page.getByRole("heading", { name: "Second Chance Clothes", level: 1 })).toBeVisible();
  await expect(page.getByText("Tuesday: 10 am to 3 pm")).toBeVisible();
  await expect(page.getByRole("link", { name: "Directions" })).toHaveAttribute("href", /openstreetmap\.org\/search\?query=/);
  await expectAccessible(page);
});

test("a helpline is one tap to call; families have their own page", async ({ page }) => {
  await page.goto("/hope?need=someone_to_talk_to");
  const samaritans = page.locator(".service-card", { hasText: "Samaritans" });
  await expect(samaritans.getByRole("link", { name: "Call 116 123" })).toHaveAttribute("href", "tel:116123");
  await expect(samaritans).toContainText("Open all day and night.");
  await page.goto("/hope");
  await page.getByRole("link", { name: "Support for families and friends" }).click();
  await expect(page.getByRole("heading", { name: "Support for families and friends" })).toBeVisible();
  await expectAccessible(page);
});

test("the reception sheet prints on A4 with a QR code to the area's hope corner", async ({ page }) => {
  await page.goto("/hope?area=Northbridge");
  await page.getByRole("link", { name: "A sheet to print for a reception desk" }).click();
  await expect(page.getByRole("heading", { name: "Hope corner: help in Northbridge" })).toBeVisible();
  await expect(page.locator(".qr svg")).toBeVisible();
  await expect(page.locator(".print-qr")).toContainText("/hope?area=Northbridge");
  await expectAccessible(page);
  const pdf = await page.pdf({ format: "A4" });
  expect(pdf.length).toBeGreaterThan(1000);
});

test("an office admin sees the office's services and marks one checked today", async ({ page }) => {
  await signInPractitioner(page);
  await page.getByRole("link", { name: "Hope corner for your office" }).click();
  await expect(page.getByRole("heading", { name: "Hope corner for your office" })).toBeVisible();
  await expectAccessible(page);
  const card = page.locator(".case-card", { hasText: "Northbridge Food Bank" });
  await card.getByRole("button", { name: "Checked today" }).click();
  const today = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "Europe/London" }).format(new Date());
  await expect(page.locator(".case-card", { hasText: "Northbridge Food Bank" })).toContainText(`Checked ${today}.`);
});

test("an office admin adds a service; a bad field is named and nothing typed is lost", async ({ page }) => {
  await signInPractitioner(page);
  await page.goto("/caseload/hope");
  await page.getByRole("link", { name: "Add a service" }).click();
  await expect(page.getByRole("heading", { name: "Add a service" })).toBeVisible();
  await expectAccessible(page);
  const name = `Corner Café Meals ${Date.now()}`;
  await page.getByLabel("Name").fill(name);
  await page.getByLabel("What it offers, in plain words").fill("A hot meal on Fridays. Pay what you can.");
  await page.getByLabel("What need it meets").selectOption("food");
  await page.getByLabel("Website").fill("corner-cafe.example");
  await page.getByLabel("Friday").fill("12:00-14:00");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByRole("alert")).toContainText("Write the full website address, starting https://");
  await expect(page.getByLabel("Name")).toHaveValue(name);
  await expect(page.getByLabel("Friday")).toHaveValue("12:00-14:00");
  await page.getByLabel("Website").fill("https://corner-cafe.example");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.locator(".case-card", { hasText: name })).toBeVisible();
  await page.goto(`/hope?q=${encodeURIComponent("Corner Café")}`);
  await expect(page.locator(".service-card", { hasText: name })).toContainText("A hot meal on Fridays.");
});

test("a person saves a service to their list, and sees it at the top of the hope corner", async ({ page }) => {
  await signInJay(page);
  await page.goto("/hope?need=clothing");
  await page.locator(".service-card").first().getByRole("link").first().click();
  const name = (await page.getByRole("heading", { level: 1 }).textContent())!.trim();
  const keep = page.getByRole("button", { name: /Save to my list|Take it off my list/ });
  if ((await keep.textContent())?.includes("Take it off")) {
    await keep.click();
  }
  await page.getByRole("button", { name: "Save to my list" }).click();
  await expect(page.getByText("This is on your list. Your probation officer can see it.")).toBeVisible();
  await expectAccessible(page);
  await page.goto("/hope");
  await expect(page.getByRole("region", { name: "My list" })).toContainText(name);
});

test("an office admin downloads the office's services and loads a directory file", async ({ page }) => {
  await signInPractitioner(page);
  await page.goto("/caseload/hope");
  const exchange = page.locator("#exchange");
  await expect(exchange.getByRole("heading", { name: "Share or load services" })).toBeVisible();

  const [download] = await Promise.all([
    page.waitForEvent("download"),
    exchange.getByRole("link", { name: "Download this office's services" }).click(),
  ]);
  expect(download.suggestedFilename()).toBe("hope-corner.json");
  const exported = JSON.parse(fs.readFileSync(await download.path(), "utf8"));
  expect(exported.content.map((s: { name: string }) => s.name)).toContain("Northbridge Food Bank");
  expect(JSON.stringify(exported)).not.toContain("Samaritans");

  // An Open Referral UK file from a local charity (end2end/fixtures/oruk-small.json).
  await exchange.getByLabel("Load a file").setInputFiles(path.join(__dirname, "..", "fixtures", "oruk-small.json"));
  await exchange.getByRole("button", { name: "Load services" }).click();
  await expect(page).toHaveURL(/imported=1/);
  // A retry finds them already loaded: that changes nothing, and says so.
  await expect(page.locator("#exchange [role=status]")).toContainText(
    /Done\. 2 new, 0 changed, 0 already the same\.|Nothing changed\. The 2 services in the file are already here/,
  );
  await expectAccessible(page);

  await page.goto("/hope?q=Riverside");
  const card = page.locator(".service-card", { hasText: "Riverside Community Pantry" });
  await expect(card).toContainText("Free food and toiletries.");
  await card.getByRole("link", { name: "Riverside Community Pantry" }).click();
  await expect(page.getByText("Tuesday: 10 am to 1 pm")).toBeVisible();
  await expect(page.getByRole("link", { name: "Call 0117 496 0123" })).toHaveAttribute("href", "tel:01174960123");
});

test("a file with a mistake is refused with its line, and nothing is loaded", async ({ page }) => {
  await signInPractitioner(page);
  await page.goto("/caseload/hope");
  const exchange = page.locator("#exchange");
  // The first service is fine (and new); the second has no name: neither may load.
  const fine = `Unsaved Pantry ${Date.now()}`;
  const broken = fs
    .readFileSync(path.join(__dirname, "..", "fixtures", "oruk-small.json"), "utf8")
    .replace('"name": "Riverside Community Pantry"', `"name": "${fine}"`)
    .replace('"id": "riverside-svc-1042"', `"id": "${fine}"`)
    .replace('"name": "Harbourside Job Club",', '"name": "",');
  await exchange.getByLabel("Load a file").setInputFiles({
    name: "broken.json",
    mimeType: "application/json",
    buffer: Buffer.from(broken),
  });
  await exchange.getByRole("button", { name: "Load services" }).click();
  await expect(exchange.getByRole("alert")).toContainText(
    /Nothing was imported\. Line \d+, content\[1\]\.name: A service needs a name\./,
  );
  await expectAccessible(page);
  await page.goto(`/hope?q=${encodeURIComponent(fine)}`);
  await expect(page.getByText("Nothing matched")).toBeVisible();
});

test("with a place in the address, local help is nearest first and says how far", async ({ page }) => {
  await page.goto("/hope?need=food&lat=51.45&lon=-2.59");
  await expect(page.getByText("Nearest first.")).toBeVisible();
  const first = page.locator(".service-card").first();
  await expect(first).toContainText("St Anne's Soup Kitchen");
  await expect(first).toContainText("About 0.3 miles away.");
  await expectAccessible(page);
  await page.getByRole("link", { name: "Sort by name instead" }).click();
  await expect(page).toHaveURL(/\/hope\?need=food$/);
  await expect(page.getByText("Nearest first.")).toHaveCount(0);
  await expect(page.locator(".service-card", { hasText: "miles away" })).toHaveCount(0);
});
