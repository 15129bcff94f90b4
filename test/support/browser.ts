// Real headless Chromium for browser tests: @sparticuz/chromium ships the binary inside the npm package,
// driven by playwright-core (no browser download at install or run time).
import chromium from "@sparticuz/chromium";
import { chromium as playwright, type Browser, type BrowserContext, type BrowserContextOptions } from "playwright-core";

/** Headless Chromium announces itself as "HeadlessChrome", which Shopify's auth treats as a bot (410). */
export const DESKTOP_USER_AGENT = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0 Safari/537.36";

/** Launches headless Chromium. Only loopback is reachable; background networking is off. */
export async function launchBrowser(): Promise<Browser> {
  return playwright.launch({
    executablePath: await chromium.executablePath(),
    args: [...chromium.args, "--disable-background-networking", "--disable-component-update", "--no-first-run"],
    headless: true,
  });
}

/** A browser context that looks like a merchant's desktop browser. */
export function newDesktopContext(browser: Browser, options: BrowserContextOptions = {}): Promise<BrowserContext> {
  return browser.newContext({ userAgent: DESKTOP_USER_AGENT, viewport: { width: 1280, height: 900 }, ...options });
}
