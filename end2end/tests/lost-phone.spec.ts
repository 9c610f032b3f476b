import { test, expect } from "@playwright/test";
import { activate, expectAccessible, expectNoSidewaysScroll, newPerson, signInPractitioner } from "./helpers";

test("a guessable PIN is refused with a reason when chosen", async ({ page }) => {
  await page.goto("/activate");
  await page.getByLabel("Your code").fill("ABCD-EFGH");
  await page.getByLabel("Choose a PIN").fill("1234");
  await page.getByLabel("Type the PIN again").fill("1234");
  await page.getByRole("button", { name: "Start" }).click();
  await expect(page.getByRole("alert")).toContainText("numbers in a row");
  await expectAccessible(page);
});

test("the desk says a phone is lost (asked first, works with no JavaScript): it is signed out, its links end, a new code starts again", async ({
  browser,
}) => {
  test.slow(); // two phones, a desk and a supporter
  const name = `Lost ${Date.now() % 100000}`;
  const { desk, phone } = await newPerson(browser, name, "4826");
  const caseUrl = desk.url();

  // The person shares their steps with Gran.
  await phone.goto("/me/share");
  await phone.getByLabel("Who is it for?").fill("Gran");
  await phone.getByLabel("Your steps to ID, a bank account and more").check();
  await phone.getByRole("button", { name: "Make the link" }).click();
  const link = await phone.getByLabel("The link").inputValue();

  // The desk sees the link (who, what, until), never the address itself. The
  // desk's live update may reload the page as the link is made: open it again
  // until the link shows, rather than race that reload.
  await expect(async () => {
    await desk.goto(caseUrl);
    await expect(desk.getByRole("heading", { name: "For Gran" })).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: 20_000 });
  await expect(desk.getByText("Can see: steps to ID, a bank account and more.")).toBeVisible();
  await expect(desk.locator("body")).not.toContainText("/shared/");

  // "Their phone is lost" asks first, on a page of its own.
  await desk.getByRole("link", { name: "Their phone is lost or stolen" }).click();
  await expect(desk.getByRole("heading", { name: `Is ${name}'s phone lost?` })).toBeVisible();
  await expectAccessible(desk);
  await desk.setViewportSize({ width: 320, height: 640 });
  await expectNoSidewaysScroll(desk);

  // The answer, from a browser with no JavaScript: a plain form post.
  const plain = await (await browser.newContext({ javaScriptEnabled: false })).newPage();
  await signInPractitioner(plain);
  await plain.goto(desk.url());
  await plain.getByRole("button", { name: "Yes, this phone is lost" }).click();
  await expect(plain.locator(".banner")).toContainText("Give them the new code below");
  await expect(plain.getByText("Ended when the phone was lost.")).toBeVisible();
  const code = (await plain.getByTestId("activation-code").textContent())?.trim() ?? "";
  expect(code).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}$/);
  await desk.goto(plain.url());
  await expectAccessible(desk);

  // The lost phone is signed out; Gran's link shows nothing.
  await phone.goto("/me");
  await expect(phone).toHaveURL(/\/sign-in$/);
  const gran = await (await browser.newContext()).newPage();
  await gran.goto(link);
  await expect(gran.getByRole("heading", { name: "This link has ended" })).toBeVisible();

  // A new phone starts again with the new code and a new PIN.
  const newPhone = await (await browser.newContext()).newPage();
  await activate(newPhone, code, "7394");
});

test("a person sees who has looked at their information", async ({ browser }) => {
  test.slow();
  const name = `Seen ${Date.now() % 100000}`;
  const { desk, phone } = await newPerson(browser, name, "4826");
  // The desk's live update reloads the case page when the phone starts, which
  // can abort a navigation begun at that moment: open the licence until it shows.
  const licenceUrl = `${desk.url()}/licence`;
  await expect(async () => {
    await desk.goto(licenceUrl);
    await expect(desk).toHaveURL(licenceUrl, { timeout: 2_000 });
  }).toPass({ timeout: 20_000 });
  await phone.goto("/me");
  await phone.getByRole("link", { name: "Who has looked at your information" }).click();
  await expect(phone.getByRole("heading", { name: "Who has looked at your information" })).toBeVisible();
  await expect(phone.getByText(/^Sam Okafor \(your probation officer\) looked at .*your licence/)).toBeVisible();
  await expect(phone.getByText(/^today, /).first()).toBeVisible();
  await expectAccessible(phone);
  await phone.setViewportSize({ width: 320, height: 640 });
  await expectNoSidewaysScroll(phone);
});
