import { test, expect } from "@playwright/test";
import { expectAccessible, signInPractitioner, waitForHydration, waitUntilKeptForOffline } from "./helpers";

// The person's loop, end to end on a phone: a practitioner builds a licence with
// post-sentence supervision from nothing and writes a letter; the person starts
// Waymark, reads the licence with no signal, answers (understood and a
// question), reads the letter, comes back into signal; the desk shows each one
// with when it happened.
test("a licence built from nothing is read, answered and its letter read offline, and the desk sees each with its time", async ({
  browser,
}) => {
  test.setTimeout(90_000); // a whole licence built, two phones' worth of pages kept
  const tag = `${Date.now() % 100000}`;
  const name = `Kit ${tag}`;
  const title = `Your first week ${tag}`;

  // The desk: a new person, policy 3.0 with post-sentence supervision, the standard conditions, a letter.
  const desk = await (await browser.newContext()).newPage();
  await signInPractitioner(desk);
  await desk.getByRole("link", { name: "Add a person" }).click();
  await desk.getByLabel("Name they want to be called").fill(name);
  await desk.getByLabel("Licence start date").fill("2026-11-20");
  await desk.getByLabel("Licence end date").fill("2027-05-19");
  await desk.getByRole("button", { name: "Add and make a code" }).click();
  await expect(desk.getByRole("heading", { name, level: 1 })).toBeVisible();
  const code = (await desk.getByTestId("activation-code").textContent())!.trim();
  const caseId = new URL(desk.url()).pathname.split("/")[2];

  await desk.goto(`/caseload/${caseId}/licence/add`);
  await desk.getByLabel("Version 3.0").check();
  await desk.getByLabel("Licence, then post-sentence supervision").check();
  await desk.getByLabel("Date post-sentence supervision ends").fill("2027-11-19");
  await desk.getByRole("button", { name: "Save" }).click();
  await desk.getByRole("button", { name: "Add all the standard conditions" }).click();
  await expect(desk).toHaveURL(new RegExp(`/caseload/${caseId}/licence$`));
  await expect(desk.locator(".case-card", { hasText: "Post-sentence supervision" }).first()).toBeVisible();
  await desk.getByLabel("Title", { exact: true }).fill(title);
  await desk.getByLabel("Explanation", { exact: true }).fill("Come to the office on Monday. Bring your licence. Call me if you are worried.");
  await desk.getByRole("button", { name: `Send to ${name}` }).click();
  await expect(desk.locator(".letters-sent")).toContainText(`${title}`);
  await expect(desk.locator(".letters-sent")).toContainText("Not read yet");

  // The phone: start with the code; the home says a letter is new.
  const phoneContext = await browser.newContext();
  const phone = await phoneContext.newPage();
  await phone.goto("/activate");
  await phone.getByLabel("Your code").fill(code);
  await phone.getByLabel("Choose a PIN").fill("7391");
  await phone.getByLabel("Type the PIN again").fill("7391");
  await phone.getByRole("button", { name: "Start" }).click();
  await expect(phone.getByRole("heading", { name: `Hello, ${name}` })).toBeVisible();
  await waitUntilKeptForOffline(phone);
  const news = phone.locator("section.news");
  await expect(news).toContainText(`A new letter: ${title}`);

  // No signal: the licence opens from the phone; two answers and the letter read.
  await phoneContext.setOffline(true);
  await news.getByRole("link", { name: title }).click();
  await expect(phone.getByRole("heading", { name: "Your licence", level: 1 })).toBeVisible();
  await waitForHydration(phone);
  const rules = phone.locator("details.condition");
  expect(await rules.count()).toBeGreaterThan(8);
  const understoodId = await rules.nth(0).getAttribute("id");
  const askedId = await rules.nth(1).getAttribute("id");
  await phone.locator(`#${understoodId}`).getByRole("button", { name: "I understand" }).click();
  await expect(phone.locator(`#${understoodId} .tag`)).toHaveText("You said you understand (waiting to send)");
  const question = `Can I stay at my sister's at the weekend? ${tag}`;
  const asked = phone.locator(`#${askedId}`);
  await asked.locator("summary", { hasText: "I have a question" }).click();
  await asked.getByLabel("Your question").fill(question);
  await asked.getByRole("button", { name: "Send my question" }).click();
  await expect(asked.locator(".tag")).toHaveText("You asked a question (waiting to send)");
  const letter = phone.locator("article.letter", { hasText: title });
  await letter.getByRole("button", { name: "I have read this" }).click();
  await expect(letter.locator(".tag")).toHaveText("You have read this (waiting to send)");
  await expect(phone.locator(".sync-panel")).toContainText("Waiting to send: 3");
  await expectAccessible(phone);

  // Signal again: all three are sent, and the pages show them as done.
  await phoneContext.setOffline(false);
  await expect(phone.locator(".sync-panel")).toContainText("Everything is sent.", { timeout: 15_000 });
  await phone.goto("/me/licence");
  await expect(phone.locator(`#${understoodId} .tag`)).toHaveText("You said you understand");
  await expect(phone.locator("article.letter", { hasText: title })).toContainText("You read this: Today");

  // The desk: each with its time.
  await desk.goto(`/caseload/${caseId}/licence`);
  await expect(desk.locator(".letters-sent")).toContainText(
    new RegExp(`${title}.*Read on \\w{3} \\d{1,2} \\w{3} at \\d{1,2}(:\\d{2})? (am|pm)\\.`)
  );
  const understood = desk.locator(`#${understoodId}`);
  await expect(understood).toContainText("Understood");
  await expect(understood.locator(".msg", { hasText: "I understand this rule." })).toContainText(
    new RegExp(`${name}, Today, \\d{1,2}(:\\d{2})? (am|pm)`)
  );
  const open = desk.locator(`#${askedId}`);
  await expect(open).toContainText("Open question");
  await expect(open.locator(".msg", { hasText: question })).toContainText(new RegExp(`${name}, Today, \\d`));
  await expectAccessible(desk);
  await phoneContext.close();
});
