/**
 * Debian's Chromium, driven by playwright-core. No browser is ever
 * downloaded: the machine's /usr/bin/chromium is used (`.ci/run` installs the
 * `chromium` package when it is missing); CHROMIUM_PATH overrides it.
 */
import { existsSync } from "node:fs";
import { mkdirSync } from "node:fs";
import path from "node:path";
import { chromium, type Browser, type Page } from "playwright-core";
import { repoRoot } from "./site.ts";

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

/** Screenshots and other artifacts of a test run (gitignored). */
export const ARTIFACTS_DIR = path.join(repoRoot, "test-results");

export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `No Chromium at ${CHROMIUM_PATH}. Install Debian's package (sudo apt-get install -y chromium) ` +
        "or set CHROMIUM_PATH; the tests never download a browser.",
    );
  }
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
    ],
  });
}

/**
 * Records what a reader would see go wrong on a page: failed requests, HTTP
 * errors on the site's own resources, script errors and console errors.
 */
export function watchForProblems(page: Page): string[] {
  const problems: string[] = [];
  page.on("requestfailed", (request) => {
    const reason = request.failure()?.errorText ?? "failed";
    // Requests still in flight when the test moves to the next page are
    // cancelled by the browser: not a problem of the site. A missing file
    // shows up as an HTTP error below.
    if (reason !== "net::ERR_ABORTED") problems.push(`request failed: ${request.url()} (${reason}) on ${page.url()}`);
  });
  page.on("response", (response) => {
    if (response.status() >= 400) problems.push(`HTTP ${response.status()}: ${response.url()} on ${page.url()}`);
  });
  page.on("pageerror", (error) => problems.push(`script error on ${page.url()}: ${error.message}`));
  page.on("console", (message) => {
    if (message.type() !== "error") return;
    const source = message.location().url;
    problems.push(`console error on ${page.url()}: ${message.text()}${source && source !== page.url() ? ` (${source})` : ""}`);
  });
  return problems;
}

export function screenshotPath(name: string): string {
  const dir = path.join(ARTIFACTS_DIR, "screenshots");
  mkdirSync(dir, { recursive: true });
  return path.join(dir, `${name}.png`);
}
