import { test, expect, Page } from "@playwright/test";
import { demo, expectAccessible, expectNoSidewaysScroll, textAt200, watchCsp } from "./helpers";

// Every screen, for each kind of user, on a small phone: no accessibility
// violations, nothing wider than 320px (with the browser's text at 200% too),
// tap targets a thumb can hit, and nothing the Content-Security-Policy refuses
// (no inline style or script, from the pages, the islands or Leptos itself).
const pages: Record<string, string[]> = {
  visitor: ["/", "/hope", "/hope?need=food", "/hope/1", "/hope/families", "/hope/safety", "/hope/print", "/hope/near", "/sign-in", "/activate", "/practitioner/sign-in", "/no/such/page"],
  person: ["/me", "/me/licence", "/me/appointments", "/me/steps", "/me/share", "/me/about", "/me/check-in", "/me/requests", "/me/progress", "/hope"],
  practitioner: [
    "/caseload",
    "/caseload/new",
    "/caseload/1",
    "/caseload/2",
    "/caseload/1/licence", "/caseload/1/pack",
    "/caseload/1/licence/add",
    "/caseload/1/licence/add/4.0/52faefcf-15f0-42c5-b908-621b4a7ecdb9",
    "/caseload/1/licence/1/edit",
    "/caseload/1/licence/1/remove",
    "/caseload/1/appointments",
    "/caseload/1/appointments/1/edit",
    "/caseload/1/appointments/1/cancel",
    "/caseload/1/steps",
    "/caseload/1/about",
    "/caseload/1/check-ins",
    "/caseload/1/requests",
    "/caseload/1/progress",
    "/caseload/1/move",
    "/caseload/1/handover",
    "/caseload/office",
    "/caseload/step-prices",
    "/caseload/hope",
    "/caseload/hope/new",
    "/caseload/hope/1/edit",
  ],
};

async function signIn(page: Page, who: string) {
  if (who === "person") {
    await page.goto("/sign-in");
    await page.getByLabel("Your Waymark number").fill(demo.jayNumber);
    await page.getByLabel("Your PIN").fill(demo.jayPin);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page).toHaveURL(/\/me$/);
  } else if (who === "practitioner") {
    await page.goto("/practitioner/sign-in");
    await page.getByLabel("Work email").fill(demo.practitioner);
    await page.getByLabel("Password").fill(demo.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page).toHaveURL(/\/caseload$/);
  }
}

/** Links and buttons in the page's own content, not inline links within sentences. */
async function smallTargets(page: Page): Promise<string[]> {
  return page.$$eval("main a.button, main button, header a, header button, main summary", (els) =>
    els
      .filter((e) => (e as HTMLElement).offsetParent !== null)
      .map((e) => [e.textContent?.trim().slice(0, 40), e.getBoundingClientRect().height] as [string, number])
      .filter(([, h]) => h > 0 && h < 44)
      .map(([name, h]) => `${name} (${h}px)`)
  );
}

for (const who of Object.keys(pages)) {
  test(`every ${who} page: axe, 320px wide, text at 200%, tap targets`, async ({ browser }) => {
    test.setTimeout(120_000);
    const context = await browser.newContext({ viewport: { width: 320, height: 640 } });
    const page = await context.newPage();
    const refused = await watchCsp(page);
    await signIn(page, who);
    for (const path of pages[who]) {
      await page.goto(path);
      await expectAccessible(page);
      await expectNoSidewaysScroll(page);
      expect(await smallTargets(page), `small tap targets on ${path}`).toEqual([]);
      await textAt200(page);
      await expectNoSidewaysScroll(page);
      expect(refused, `CSP violations by ${path}`).toEqual([]);
    }
    await context.close();
  });
}
