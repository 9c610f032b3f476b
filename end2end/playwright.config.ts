import { defineConfig } from "@playwright/test";
import * as os from "node:os";
import * as path from "node:path";
import * as fs from "node:fs";

// A fresh database for every run, so tests start from the demo seed.
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "waymark-e2e-"));
const port = Number(process.env.WAYMARK_E2E_PORT ?? 3100);
// The build's output, as .ci/test made it (honours CARGO_TARGET_DIR like cargo does).
const target = process.env.CARGO_TARGET_DIR ?? "../target";
export const baseURL = `http://127.0.0.1:${port}`;

export default defineConfig({
  testDir: "./tests",
  // A journey crosses several pages, each checked with axe: on a 2-core
  // machine building other work at the same time, 30 s was too tight.
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 2,
  retries: process.env.CI ? 1 : 0,
  reporter: [["list"]],
  use: {
    baseURL,
    viewport: { width: 360, height: 640 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    locale: "en-GB",
    timezoneId: "Europe/London",
    launchOptions: {
      executablePath: "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
  },
  webServer: {
    command: `${target}/debug/waymark`,
    url: `${baseURL}/health`,
    reuseExistingServer: false,
    timeout: 60_000,
    env: {
      LEPTOS_SITE_ADDR: `127.0.0.1:${port}`,
      LEPTOS_SITE_ROOT: `${target}/site`,
      WAYMARK_DATA_DIR: dataDir,
      // Every test signs in from 127.0.0.1; the back-off itself is tested in Rust.
      WAYMARK_FREE_FAILURES_PER_CLIENT: "10000",
      WAYMARK_FREE_FAILURES_PER_ACCOUNT: "10000",
      RUST_LOG: "warn",
    },
  },
});
