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
  const card = desk.locator(".case-card", { hasText: "Doctor (GP)" }).last();
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

  // The desk's own live update may reload the page at the same moment: open it
  // again until the answer shows, rather than race that reload.
  await expect(async () => {
    await desk.goto("/caseload/1/appointments");
    await expect(desk.locator(".case-card", { hasText: "Doctor (GP)" }).last()).toContainText("Said they will be there", {
      timeout: 2_000,
    });
  }).toPass({ timeout: 20_000 });
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
  // The GP is Jay's only health step in the demo, so this finishes the track.
  await expect(phone.getByRole("status").filter({ hasText: "Well done. You have finished: Health." })).toBeVisible();

  const desk = await (await browser.newContext()).newPage();
  await signInPractitioner(desk);
  await desk.goto("/caseload/1/steps");
  const card = desk.locator(".case-card", { hasText: "Register with a GP" });
  await expect(card).toContainText("Done");
  await card.getByText("What changed, and when").click();
  await expect(card).toContainText("Jay changed it from Doing it now to Done");
  await expectAccessible(desk);
});

test("finishing every step of a track is celebrated, and not before", async ({ browser }) => {
  // Two steps of Jay's own in a track the demo leaves empty, named so no other test's steps match.
  const tag = Date.now().toString(36);
  const steps = [`Ask about the jobs fair ${tag}`, `Go to the jobs fair ${tag}`];
  const desk = await (await browser.newContext()).newPage();
  await signInPractitioner(desk);
  await desk.goto("/caseload/1/steps");
  for (const title of steps) {
    await desk.getByLabel("Work and training").check();
    await desk.getByLabel("The step, in plain words").fill(title);
    await desk.getByRole("button", { name: "Add step" }).click();
    await expect(desk.locator(".case-card", { hasText: title })).toBeVisible();
  }

  const phone = await (await browser.newContext()).newPage();
  await signInJay(phone);
  await phone.goto("/me/steps");
  const work = phone.locator("section", { has: phone.getByRole("heading", { name: "Work and training", level: 2 }) });
  // Any other step in the track (none in the demo) is done first, so only ours are left.
  for (const other of await work.locator("details.condition").all()) {
    const title = (await other.locator(".condition-headline").textContent()) ?? "";
    if (!steps.includes(title.trim()) && (await other.locator(".tag").textContent())?.trim() !== "Done") {
      await other.getByRole("button", { name: "It is done" }).click();
      await expect(phone.locator("main [role=status]:not(.sync-panel *)")).toBeVisible();
    }
  }
  await work.locator("details.condition", { hasText: steps[0] }).getByRole("button", { name: "It is done" }).click();
  await expect(phone.getByRole("status").filter({ hasText: "Saved. Your probation officer can see it." })).toBeVisible();
  await expect(phone.locator(".celebrate")).toHaveCount(0);

  await work.locator("details.condition", { hasText: steps[1] }).getByRole("button", { name: "It is done" }).click();
  const celebration = phone.getByRole("status").filter({ hasText: "Well done. You have finished: Work and training." });
  await expect(celebration).toBeVisible();
  await expect(celebration).toContainText("That is a real step forward. Be proud of it.");
  await expectAccessible(phone);
});

test("a new place for an appointment is told to the person, with where it was", async ({ browser }) => {
  const tag = Date.now().toString(36);
  const before = `Unit 1, Mill Yard ${tag}`;
  const after = `12 High Street ${tag}`;
  const desk = await (await browser.newContext()).newPage();
  await signInPractitioner(desk);
  await desk.goto("/caseload/1/appointments");
  await desk.getByLabel("Housing", { exact: true }).check();
  await desk.getByLabel("Date").fill(inDays(11));
  await desk.getByLabel("Start time (UK time)").fill("11:00");
  await desk.getByLabel("Place (address)").fill(before);
  await desk.getByRole("button", { name: "Set appointment" }).click();
  await desk.locator(".case-card", { hasText: before }).getByRole("link", { name: "Change or move" }).click();
  await expect(desk.getByRole("heading", { name: "Change or move an appointment" })).toBeVisible();
  await desk.getByLabel("Place (address)").fill(after);
  await desk.getByLabel("Room (optional)").fill("Room 3");
  await desk.getByRole("button", { name: "Save the change" }).click();
  await expect(desk.locator(".case-card", { hasText: after })).toContainText("No answer yet");

  const phone = await (await browser.newContext()).newPage();
  await signInJay(phone);
  await phone.goto("/me/appointments");
  const card = phone.locator("section.card", { hasText: after });
  await expect(card).toContainText(`This has changed: it is now at ${after}, Room 3 (it was at ${before}).`);
  await expect(card).toContainText("11 am");
  await expect(card).not.toContainText("This has moved.");
  await expectAccessible(phone);
});
