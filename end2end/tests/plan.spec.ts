import { test, expect } from "@playwright/test";
import { expectAccessible, signInJay, signInPractitioner } from "./helpers";


function inDays(days: number): string {
  const d = new Date(Date.now() + days * 86_400_000);
  return d.toISOString().slice(0, 10);
}

test("practitioner sets an appointment; the person sees it and answers; the practitioner sees the answer", async ({
  browser,
}) => {
  const desk = await (await browser.newContext()).newPage();
  await signInPractitioner(desk);
  await desk.goto("/caseload/1/appointments");
  await expectAccessible(desk);
  await desk.getByLabel("Doctor (GP)").check();
  await desk.getByLabel("Date").fill(inDays(9));
  await desk.getByLabel("Start time (UK time)").fill("14:15");
  await desk.getByLabel("How long, in minutes").fill("20");
  await desk.getByLabel("Place (address)").fill("Northbridge Health Centre, 3 Park Road");
  await desk.getByLabel("What to bring (optional)").fill("Your medicine");
  await desk.getByRole("button", { name: "Set appointment" }).click();
  const card = desk.locator(".case-card", { hasText: "Doctor (GP)" });
  await expect(card).toContainText("No answer yet");

  const phone = await (await browser.newContext()).newPage();
  await signInJay(phone);
  await phone.getByRole("link", { name: "All your appointments" }).click();
  const gp = phone.locator("section.card", { hasText: "Doctor (GP)" });
  await expect(gp).toContainText("2:15 pm");
  await expect(gp).toContainText("Your medicine");
  await expect(gp.getByRole("link", { name: "Directions" })).toHaveAttribute("href", /openstreetmap\.org\/search\?query=/);
  await expect(gp.getByRole("link", { name: "Add to my calendar" })).toHaveAttribute("href", /calendar\.ics$/);
  await expectAccessible(phone);
  await gp.getByRole("button", { name: "I’ll be there" }).click();
  await expect(phone.locator(".banner", { hasText: "Your probation officer will see your answer" })).toContainText("Your probation officer will see your answer");

  await desk.reload();
  await expect(desk.locator(".case-card", { hasText: "Doctor (GP)" })).toContainText("Said they will be there");
});

test("a new appointment in the past is refused with a clear message and nothing typed is lost", async ({ page }) => {
  await signInPractitioner(page);
  await page.goto("/caseload/1/appointments");
  await page.getByLabel("Job centre").check();
  await page.getByLabel("Date").fill("2020-01-01");
  await page.getByLabel("Start time (UK time)").fill("09:00");
  await page.getByLabel("Place (address)").fill("Jobcentre");
  await page.getByRole("button", { name: "Set appointment" }).click();
  await expect(page.getByRole("alert")).toContainText("The appointment must be in the future.");
  await expect(page.getByLabel("Place (address)")).toHaveValue("Jobcentre");
  await expectAccessible(page);
});

test("the person marks a step done; the practitioner sees it with its history", async ({ browser }) => {
  const phone = await (await browser.newContext()).newPage();
  await signInJay(phone);
  await phone.getByRole("link", { name: "See your steps" }).click();
  await expect(phone.getByRole("heading", { name: "Your steps", level: 1 })).toBeVisible();
  await expectAccessible(phone);
  const step = phone.locator("details.condition", { hasText: "Register with a GP" });
  if ((await step.locator(".tag").textContent())?.trim() === "Done") {
    await step.locator("summary").first().click();
    await step.getByRole("button", { name: "I am doing it now" }).click();
  }
  await phone.locator("details.condition", { hasText: "Register with a GP" }).getByRole("button", { name: "It is done" }).click();
  await expect(phone.locator("main [role=status]:not(.sync-panel *)")).toContainText(/Well done|Saved/);

  const desk = await (await browser.newContext()).newPage();
  await signInPractitioner(desk);
  await desk.goto("/caseload/1/steps");
  const card = desk.locator(".case-card", { hasText: "Register with a GP" });
  await expect(card).toContainText("Done");
  await card.getByText("What changed, and when").click();
  await expect(card).toContainText("Jay changed it from Doing it now to Done");
  await expectAccessible(desk);
});
