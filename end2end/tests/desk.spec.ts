import { test, expect, Page } from "@playwright/test";
import { expectAccessible, signInPractitioner } from "./helpers";

/** The practitioner adds a person from the caseload; returns the case's address. */
async function addPerson(desk: Page, name: string): Promise<string> {
  await desk.goto("/caseload/new");
  await desk.getByLabel("Name they want to be called").fill(name);
  await desk.getByLabel("Licence start date").fill("2026-11-20");
  await desk.getByLabel("Licence end date").fill("2027-11-19");
  await desk.getByRole("button", { name: "Add and make a code" }).click();
  await expect(desk.getByRole("heading", { name, level: 1 })).toBeVisible();
  return new URL(desk.url()).pathname;
}

test("a new case starts with the standard steps, each with its guidance, and a real address to start from", async ({
  page,
  baseURL,
}) => {
  test.setTimeout(90_000);
  await signInPractitioner(page);
  const name = `Sky ${Date.now() % 100000}`;
  const casePath = await addPerson(page, name);
  // Where to start: this site's real address, and a QR code of it.
  await expect(page.getByTestId("activation-url")).toHaveText(`${baseURL}/activate`);
  await expect(page.getByRole("img", { name: `QR code for ${baseURL}/activate` })).toBeVisible();
  await expectAccessible(page);

  await page.goto(`${casePath}/steps`);
  const steps = page.locator("li.case-card");
  await expect(steps).toHaveCount(6);
  for (const title of ["Get your birth certificate", "Open a basic bank account", "Claim Universal Credit", "Get a provisional driving licence", "Register with a GP", "Ask the council for help with housing"]) {
    const step = steps.filter({ hasText: title });
    await step.getByText(`What ${name} reads about this step`).click();
    await expect(step.getByRole("link", { name: /How to do it, on / })).toBeVisible();
  }
  await expect(steps.filter({ hasText: "Get a provisional driving licence" })).toContainText("(prices checked 2 June 2025)");
  await expectAccessible(page);

  // A step in the practitioner's own words: a known one gets its guidance, another says it is theirs.
  await page.getByLabel("The step, in plain words").fill("Get a passport");
  await page.getByRole("button", { name: "Add step" }).click();
  await expect(steps.filter({ hasText: "Get a passport" })).toContainText("£94.50 online, or £107 by post.");
  await page.getByLabel("Work and training").check();
  await page.getByLabel("The step, in plain words").fill("Get a bus pass");
  await page.getByRole("button", { name: "Add step" }).click();
  await expect(steps.filter({ hasText: "Get a bus pass" })).toContainText("This is your own step.");

  await page.goto("/caseload");
  await expect(page.locator(".case-card", { hasText: name })).toContainText("ID: not yet. Bank account: not yet.");
});

for (const javaScriptEnabled of [true, false]) {
  test.describe(javaScriptEnabled ? "with JavaScript" : "without JavaScript", () => {
    test.use({ javaScriptEnabled });

    test("removing a condition asks first, and the licence history keeps it", async ({ page }) => {
      test.setTimeout(90_000);
      await signInPractitioner(page);
      const casePath = await addPerson(page, `Ash ${Date.now() % 100000}`);
      await page.goto(`${casePath}/licence/add`);
      await page.getByRole("button", { name: "Add all the standard conditions" }).click();
      await expect(page).toHaveURL(new RegExp(`${casePath}/licence$`));
      const rule = page.locator("li.case-card", { hasText: "Ask before you apply for a new passport" });
      await expect(rule).toHaveCount(1);

      // "No, keep it" changes nothing.
      await rule.getByRole("link", { name: "Remove this condition" }).click();
      await expect(page.getByRole("heading", { name: /^Remove this condition from .*’s licence\?$/ })).toBeVisible();
      // axe runs in the page, so only where JavaScript does.
      if (javaScriptEnabled) await expectAccessible(page);
      await page.getByRole("link", { name: "No, keep it" }).click();
      await expect(rule).toHaveCount(1);

      await rule.getByRole("link", { name: "Remove this condition" }).click();
      await page.getByRole("button", { name: "Yes, remove it" }).click();
      await expect(page).toHaveURL(new RegExp(`${casePath}/licence$`));
      await expect(rule).toHaveCount(0);
      const history = page.locator("section", { has: page.getByRole("heading", { name: "Licence history" }) });
      await expect(history).toContainText(/Removed on \d+ \w+ \d{4} by Sam Okafor: /);
      await expect(history).toContainText("Ask before you apply for a new passport");
      if (javaScriptEnabled) await expectAccessible(page);
    });
  });
}
