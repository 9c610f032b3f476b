import { test, expect } from "@playwright/test";
import { expectAccessible, signInJay, signInPractitioner } from "./helpers";

// The heart of Waymark, end to end: three conditions with their inputs and the
// practitioner's own words; the person confirms two and asks about the third;
// the practitioner answers; the person reads the answer.
test("three conditions set, two understood, one question answered", async ({ browser }) => {
  const tag = `${Date.now() % 100000}`;
  const said = {
    health: `Go to every appointment with your psychiatrist. ${tag}`,
    items: `No knives at all, not even for cooking, unless I say yes. ${tag}`,
    cash: `Keep less than 200 pounds on you. Use your bank card. ${tag}`,
  };
  const desk = await (await browser.newContext()).newPage();
  await signInPractitioner(desk);
  const add = async (code: string, fill: () => Promise<void>, explanation: string) => {
    await desk.goto(`/caseload/1/licence/add/4.0/${code}`);
    await fill();
    await desk.getByLabel("Your explanation (optional)").fill(explanation);
    await desk.getByRole("button", { name: "Add to the licence" }).click();
    await expect(desk).toHaveURL(/\/caseload\/1\/licence$/);
  };
  await add("b72fdbf2-0dc9-4e7f-81e4-c2ccb5d1bc90", () => desk.getByLabel("Psychiatrist").check(), said.health);
  await add("3932e5c9-4d21-4251-a747-ce6dc52dc9c0", () => desk.getByLabel("Enter the name of the item").first().fill("a knife"), said.items);
  await add("e8478345-019a-4335-9656-73a77ffd3c42", () => desk.getByLabel("Enter the value in £").first().fill("200"), said.cash);
  await expect(desk.locator(".case-card", { hasText: said.cash })).toContainText("in excess of the value of £200");

  const phone = await (await browser.newContext()).newPage();
  await signInJay(phone);
  await phone.goto("/me/licence");
  const rule = (words: string) => phone.locator("details.condition", { hasText: words });
  await expect(rule(said.health)).toContainText("Go to your health appointments");
  await expect(rule(said.health)).toContainText("with a psychiatrist unless");
  for (const words of [said.health, said.items]) {
    await rule(words).getByRole("button", { name: "I understand" }).click();
    await expect(phone.locator(".banner")).toContainText("Your probation officer will see your answer");
    await expect(rule(words).locator(".tag")).toHaveText("You said you understand");
  }
  const question = `Does money in my bank count? ${tag}`;
  await rule(said.cash).getByText("I have a question").click();
  await rule(said.cash).getByLabel("Your question").fill(question);
  await rule(said.cash).getByRole("button", { name: "Send my question" }).click();
  await expect(rule(said.cash)).toContainText(question);
  await expectAccessible(phone);

  await desk.goto("/caseload/1/licence");
  const card = desk.locator(".case-card", { hasText: question });
  await expect(card).toContainText("Open question");
  await expect(desk.locator(".case-card", { hasText: said.health })).toContainText("Understood");
  await card.getByLabel("Your answer").fill("No. Only cash in your pocket or at home counts.");
  await card.getByRole("button", { name: "Send answer" }).click();
  await expectAccessible(desk);

  await phone.goto("/me/licence");
  await expect(rule(said.cash)).toContainText("No. Only cash in your pocket or at home counts.");
  await expectAccessible(phone);
});
