import { test, expect } from "@playwright/test";
import { expectAccessible, signInJay, signInPractitioner } from "./helpers";

// A real 2×2 PNG, so the browser can draw it.
const PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAFklEQVR4nGP8z8DAwMDAxMDAwMDAAAANHQEDasKb6QAAAABJRU5ErkJggg==",
  "base64"
);

test("a practitioner adds an exclusion zone with its map; the person sees the map with the rule", async ({
  browser,
}) => {
  const desk = await (await browser.newContext()).newPage();
  await signInPractitioner(desk);
  await desk.goto("/caseload/1/licence/add/4.0/0f9a20f4-35c7-4c77-8af8-f200f153fa11");
  const said = `Do not go into the town centre. The map shows where. (${Date.now() % 100000})`;
  await desk.getByLabel("Your explanation (optional)").fill(said);
  await desk.getByRole("button", { name: "Add to the licence" }).click();

  // Straight to the map: first a file that is not one, then the real map.
  await expect(desk.getByRole("heading", { name: "The map", exact: true })).toBeVisible();
  await desk.getByLabel("Choose the map").setInputFiles({ name: "notes.txt", mimeType: "text/plain", buffer: Buffer.from("words") });
  await desk.getByRole("button", { name: "Upload the map" }).click();
  await expect(desk.locator("#map-error")).toContainText("That file is not a PDF or a picture");
  await expectAccessible(desk);
  await desk.getByLabel("Choose the map").setInputFiles({ name: "town-centre.png", mimeType: "image/png", buffer: PNG });
  await desk.getByRole("button", { name: "Upload the map" }).click();
  await expect(desk.getByText("The map is saved. Jay will be asked")).toBeVisible();
  await expect(desk.getByRole("img", { name: "The map of the area this rule is about" })).toBeVisible();
  await expectAccessible(desk);

  const phone = await (await browser.newContext()).newPage();
  await signInJay(phone);
  await phone.goto("/me/licence");
  const rule = phone.locator("details.condition", { hasText: said });
  await expect(rule).toContainText("Stay out of the area on the map");
  const map = rule.getByRole("img", { name: "The map of the area this rule is about" });
  await map.scrollIntoViewIfNeeded();
  await expect(map).toBeVisible();
  // The picture really loaded (a broken image has no natural width).
  await expect.poll(() => map.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(2);
  await expectAccessible(phone);
});
