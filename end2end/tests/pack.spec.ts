import { test, expect } from "@playwright/test";
import { execFileSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expectAccessible, signInPractitioner } from "./helpers";

// The plain-words pack on paper (issue 16.3): printed to PDF by Chromium and
// read back with Debian's poppler-utils, as a printer would see it.
test("the practitioner prints a plain-words pack: A4, every part in it, nothing of the screen", async ({ page }) => {
  await signInPractitioner(page);
  await page.goto("/caseload/1");
  await page.getByRole("link", { name: "Print a paper pack in plain words" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Your licence in plain words, Jay");
  await expectAccessible(page);
  const rules = await page.locator("li.pack-rule").count();
  expect(rules).toBeGreaterThan(3);

  const pdf = join(mkdtempSync(join(tmpdir(), "waymark-pack-")), "pack.pdf");
  await page.emulateMedia({ media: "print" });
  await page.pdf({ path: pdf, format: "A4", preferCSSPageSize: true });
  const text = execFileSync("pdftotext", ["-layout", pdf, "-"]).toString();
  for (const words of [
    "Your licence in plain words, Jay",
    "Your probation officer",
    "Your rules",
    "Your next appointments",
    "Your next steps",
    "Call now, free",
    "In danger now? Call 999.",
  ]) {
    expect(text).toContain(words);
  }
  expect(text.match(/The exact words on your licence:/g)?.length).toBe(rules);
  expect(text).not.toContain("Back to the case");
  const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync("pdfinfo", [pdf]).toString())?.[1]);
  const size = /Page size:\s+([\d.]+) x ([\d.]+)/.exec(execFileSync("pdfinfo", [pdf]).toString());
  expect(Math.round(Number(size?.[1]))).toBe(595); // A4 in points
  expect(pages).toBeGreaterThanOrEqual(2);
  expect(pages).toBeLessThanOrEqual(8);
});
