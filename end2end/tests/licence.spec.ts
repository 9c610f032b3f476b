import { test, expect } from "@playwright/test";
import { expectAccessible, signInJay, signInPractitioner, waitForHydration } from "./helpers";

/** Jay's curfew card, by its words for today (they differ during the curfew). */
const curfewToday = /Today: (Be home by 7pm|You should be at home now)/;


test("a person reads a condition in plain words and says they understand", async ({ page }) => {
  await signInJay(page);
  await page.getByRole("link", { name: "Read your licence" }).click();
  await expect(page.getByRole("heading", { name: "Your licence", level: 1 })).toBeVisible();
  for (const group of ["Every day", "Times"]) {
    await expect(page.getByRole("heading", { name: group, level: 2 })).toBeVisible();
  }
  // Today's words depend on the hour: before the curfew, or during it.
  const curfew = page.locator("details.condition", { hasText: curfewToday });
  await expect(curfew).toContainText(
    /Be home by 7pm tonight\. You can go out again at 7am tomorrow\.|You should be at home now, until 7am\./
  );
  await expect(curfew).toContainText("What your probation officer says");
  await curfew.getByText("The exact words on your licence").click();
  await expect(curfew.locator(".exact-words blockquote")).toContainText("between 7pm and 7am each day");
  await expectAccessible(page);
  await curfew.getByRole("button", { name: "I understand" }).click();
  await expect(page.locator(".banner")).toContainText("Your probation officer will see your answer");
  await expect(page.locator("details.condition", { hasText: curfewToday }).locator(".tag")).toHaveText(
    "You said you understand"
  );
});

test("a question reaches the practitioner and the answer reaches the person", async ({ browser }) => {
  const phone = await (await browser.newContext()).newPage();
  await signInJay(phone);
  await phone.goto("/me/licence");
  const rule = phone.locator("details.condition").filter({ hasText: "Not read yet" }).first();
  const headline = (await rule.locator(".condition-headline").textContent())!.trim();
  await rule.getByText("I have a question").click();
  const question = `Does this cover weekends? ${Date.now() % 10000}`;
  await rule.getByLabel("Your question").fill(question);
  await rule.getByRole("button", { name: "Send my question" }).click();
  await expect(phone.locator(".banner")).toBeVisible();

  const desk = await (await browser.newContext()).newPage();
  await signInPractitioner(desk);
  await desk.goto("/caseload/1/licence");
  const card = desk.locator(".case-card", { hasText: question });
  await expect(card).toContainText("Open question");
  await expectAccessible(desk);
  await card.getByLabel("Your answer").fill("Yes, every day of the week.");
  await card.getByRole("button", { name: "Send answer" }).click();

  await phone.goto("/me/licence");
  const answered = phone.locator("details.condition", { hasText: headline }).first();
  await expect(answered).toContainText(question);
  await expect(answered).toContainText("Yes, every day of the week.");
});

test("a practitioner adds a condition from the catalogue; a missing input is named and nothing is lost", async ({
  page,
}) => {
  await signInPractitioner(page);
  await page.goto("/caseload/2/licence/add");
  await expectAccessible(page);
  const section = page.locator("details.catalogue-section", { hasText: "Curfew arrangement" });
  await section.locator("summary").click();
  await section.getByRole("link").first().click();
  await expect(page.getByText("Select the number of curfews needed")).toBeVisible();
  await page.getByLabel("One curfew").check();
  await page.getByLabel("Enter the curfew start time").first().fill("20:00");
  await page.getByLabel("Your explanation (optional)").fill("Be home by 8 at night.");
  await page.getByRole("button", { name: "Add to the licence" }).click();
  await expect(page.getByRole("alert")).toContainText("Enter the curfew end time.");
  await expect(page.getByLabel("Enter the curfew start time").first()).toHaveValue("20:00");
  await expect(page.getByLabel("Your explanation (optional)")).toHaveValue("Be home by 8 at night.");
  await expectAccessible(page);
  await page.getByLabel("Enter the curfew end time").first().fill("06:00");
  await page.getByRole("button", { name: "Add to the licence" }).click();
  await expect(page).toHaveURL(/\/caseload\/2\/licence$/);
  await expect(page.locator(".case-card", { hasText: "between 8pm and 6am" })).toContainText("Not confirmed yet");
});

test("the readability meter scores an explanation as it is typed", async ({ page }) => {
  await signInPractitioner(page);
  await page.goto("/caseload/1/licence");
  await waitForHydration(page);
  const box = page.getByLabel("Explanation", { exact: true });
  await box.fill("You must be home by 7 pm. Ask me if you are not sure.");
  await expect(page.locator("#body-meter")).toContainText(/(Very e|E)asy to read\./);
  await expect(page.locator("#body-meter mark")).toHaveCount(0);
  const long =
    "Notwithstanding the aforementioned stipulations, the supervisee shall contemporaneously communicate comprehensive particulars regarding alterations of residential circumstances to the supervising officer without unreasonable delay.";
  await box.fill(`Be home by 7 pm. ${long} Ask me.`);
  await expect(page.locator("#body-meter")).toContainText("Hard to read");
  // The text as typed, with the long sentence marked where it stands.
  const shown = page.locator("#body-meter .marked-text");
  await expect(shown).toHaveText(`Be home by 7 pm. ${long} Ask me.`);
  await expect(shown.locator("mark")).toHaveCount(1);
  await expect(shown.locator("mark")).toHaveText(` ${long}`);
  await box.fill("Be home by 7 pm. Ask me.");
  await expect(page.locator("#body-meter mark")).toHaveCount(0);
  // Words this short score below grade 0: the meter says so in words, never "-0.5".
  await expect(page.locator("#body-meter")).toContainText("Very easy to read.");
  await expect(page.locator("#body-meter")).toContainText("school grade 0.0");
  await expect(page.locator("#body-meter")).not.toContainText("grade -");
});

test("read aloud speaks the plain words, with pause and stop", async ({ page }) => {
  await page.addInitScript(() => {
    const spoken: string[] = [];
    (window as any).__spoken = spoken;
    const fake = {
      speak: (u: { text: string }) => spoken.push(u.text),
      cancel: () => spoken.push("<cancel>"),
      pause: () => spoken.push("<pause>"),
      resume: () => spoken.push("<resume>"),
    };
    Object.defineProperty(window, "speechSynthesis", { value: fake, configurable: true });
  });
  await signInJay(page);
  await page.goto("/me/licence");
  await waitForHydration(page);
  const rule = page.locator("details.condition", { hasText: curfewToday });
  await rule.evaluate((d: HTMLDetailsElement) => (d.open = true));
  await expect(rule.locator(".read-aloud")).toBeVisible();
  await rule.getByRole("button", { name: "Read aloud" }).click();
  await rule.getByRole("button", { name: "Pause" }).click();
  await rule.getByRole("button", { name: "Stop" }).click();
  const spoken: string[] = await page.evaluate(() => (window as any).__spoken);
  expect(spoken.find((s) => s.includes("Be home by 7 in the evening"))).toBeTruthy();
  expect(spoken).toContain("<pause>");
  expect(spoken.at(-1)).toBe("<cancel>");
});

test("read aloud is hidden where the browser cannot speak", async ({ page }) => {
  await page.addInitScript(() => {
    Object.defineProperty(window, "speechSynthesis", { value: undefined, configurable: true });
  });
  await signInJay(page);
  await page.goto("/me/licence");
  await waitForHydration(page);
  await page.locator("details.condition").first().evaluate((d: HTMLDetailsElement) => (d.open = true));
  await expect(page.locator(".read-aloud").first()).toBeHidden();
  await expect(page.locator(".read-aloud button", { hasText: "Read aloud" }).first()).toBeHidden();
});
