import { test, expect } from "@playwright/test";
import { expectAccessible, signInJay } from "./helpers";

test("a person shares chosen parts with family; the supporter sees only those, until it is turned off", async ({
  page,
  browser,
}) => {
  await signInJay(page);
  await page.getByRole("link", { name: "Share with family or a friend" }).click();
  await expect(page.getByRole("heading", { name: "Share with family or a friend" })).toBeVisible();

  // Nothing ticked: a clear message, and what was typed is kept.
  await page.getByLabel("Who is it for?").fill("Mum");
  await page.getByRole("button", { name: "Make the link" }).click();
  await expect(page.getByRole("alert")).toContainText("Tick at least one thing to share.");
  await expect(page.getByLabel("Who is it for?")).toHaveValue("Mum");
  await expectAccessible(page);

  await page.getByLabel("Your appointments coming up").check();
  await page.getByLabel("Your licence rules, in plain words").check();
  await page.getByLabel("1 week").check();
  await page.getByRole("button", { name: "Make the link" }).click();
  await expect(page.getByText("Your link is ready.")).toBeVisible();
  await expect(page.getByRole("img", { name: "A code to scan with a phone camera" })).toBeVisible();
  const link = await page.getByLabel("The link").inputValue();
  expect(link).toMatch(/\/shared\/[A-Za-z0-9_-]{43}$/);
  await expectAccessible(page);

  // The supporter: another phone, not signed in.
  const mum = await browser.newContext();
  const supporter = await mum.newPage();
  await supporter.goto(link);
  await expect(supporter.getByRole("heading", { name: "Shared by Jay" })).toBeVisible();
  await expect(supporter.getByText("Be at your agreed address when your curfew is on")).toBeVisible();
  await expect(supporter.getByRole("heading", { name: "Appointments coming up" })).toBeVisible();
  // A rule about places, Jay's own questions and the steps were not shared.
  await expect(supporter.getByText("Ask before you go outside the UK")).toHaveCount(0);
  await expect(supporter.getByText("mum's flat")).toHaveCount(0);
  await expect(supporter.getByRole("heading", { name: /Steps to ID/ })).toHaveCount(0);
  await expectAccessible(supporter);

  // Jay turns it off: the supporter's next look shows nothing of Jay's.
  await page.getByRole("button", { name: "Turn this link off" }).click();
  await expect(page.getByText("You turned this link off.")).toBeVisible();
  await supporter.reload();
  await expect(supporter.getByRole("heading", { name: "This link has ended" })).toBeVisible();
  await expect(supporter.getByText("Appointments coming up")).toHaveCount(0);
  await mum.close();
});
