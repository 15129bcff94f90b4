// Web vitals of an embedded admin page, measured in a real browser through the emulator's admin frame:
// LCP from a PerformanceObserver in the app's own document, INP as the longest interaction's event timing.
import type { BrowserContext, Frame, Page } from "playwright-core";

/** Installed in every frame before any page script runs. */
const OBSERVERS = `
  window.__vitals = { lcp: 0, interactions: [] };
  new PerformanceObserver((list) => { for (const e of list.getEntries()) window.__vitals.lcp = Math.max(window.__vitals.lcp, e.startTime); })
    .observe({ type: "largest-contentful-paint", buffered: true });
  new PerformanceObserver((list) => { for (const e of list.getEntries()) if (e.interactionId) window.__vitals.interactions.push({ name: e.name, duration: e.duration }); })
    .observe({ type: "event", buffered: true, durationThreshold: 16 });
`;

type VitalsWindow = { __vitals: { lcp: number; interactions: { name: string; duration: number }[] } };

/** Prepares a browser context so every page (and frame) records LCP and interactions. */
export async function recordVitals(context: BrowserContext): Promise<void> {
  await context.addInitScript(OBSERVERS);
}

/** The app frame of the emulator's admin page, once it is there. */
export async function appFrame(page: Page): Promise<Frame> {
  for (let i = 0; i < 200; i++) {
    const frame = page.frame({ name: "app-iframe" });
    if (frame && frame.url().startsWith("http")) return frame;
    await page.waitForTimeout(25);
  }
  throw new Error("no app frame");
}

/** The LCP (ms from the app document's navigation start), read once the page is idle. */
export async function readLcp(frame: Frame): Promise<number> {
  await frame.waitForLoadState("networkidle").catch(() => undefined);
  // LCP is final at the first interaction; a short settle is enough for a server-rendered page.
  await frame.waitForTimeout(300);
  return frame.evaluate(() => (window as unknown as VitalsWindow).__vitals.lcp);
}

/** INP as Chrome computes it for few interactions: the longest interaction's duration (ms, 8 ms resolution). */
export async function readInp(frame: Frame): Promise<number> {
  await frame.waitForTimeout(300);
  return frame.evaluate(() => {
    const all = (window as unknown as VitalsWindow).__vitals.interactions;
    return all.reduce((max, e) => Math.max(max, e.duration), 0);
  });
}

export const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
};

export type AdminVitals = { membersLcp: number; membersInp: number; memberLcp: number; memberInp: number; runs: number };

type SandboxLike = { emulator: { adminUrl(shop: string): string } };
type BrowserLike = { newContext(options: Record<string, unknown>): Promise<BrowserContext> };

/**
 * Loads the members page and one member's page `runs` times each (after a warm-up load) in the emulator's
 * admin frame, interacting with each (typing a search, opening a filter; typing an adjustment, choosing a
 * reason), and returns the median LCP and INP.
 */
export async function measureAdminVitals(sandbox: SandboxLike, browser: BrowserLike, shop: string, memberId: string, runs = 3): Promise<AdminVitals> {
  const context = await browser.newContext({
    userAgent: "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0 Safari/537.36",
    viewport: { width: 1280, height: 900 },
  });
  await recordVitals(context);
  const base = sandbox.emulator.adminUrl(shop);
  const result = { membersLcp: [] as number[], membersInp: [] as number[], memberLcp: [] as number[], memberInp: [] as number[] };
  try {
    for (let run = -1; run < runs; run++) {
      const page = await context.newPage();
      await page.goto(`${base}/app/members`);
      let frame = await appFrame(page);
      await frame.getByPlaceholder("Search by name or email").waitFor({ timeout: 30_000 });
      const membersLcp = await readLcp(frame);
      await frame.getByPlaceholder("Search by name or email").click();
      await page.keyboard.type("ada", { delay: 60 });
      await frame.getByRole("button", { name: "Add filter" }).click();
      await page.keyboard.press("Escape");
      const membersInp = await readInp(frame);

      await page.goto(`${base}/app/members/${memberId}`);
      frame = await appFrame(page);
      await frame.getByText("Points history").waitFor({ timeout: 30_000 });
      const memberLcp = await readLcp(frame);
      await frame.getByLabel("Points", { exact: true }).click();
      await page.keyboard.type("25", { delay: 60 });
      await frame.getByLabel("Reason", { exact: true }).selectOption("goodwill");
      await frame.getByLabel("Internal note (optional)").click();
      await page.keyboard.type("ok", { delay: 60 });
      const memberInp = await readInp(frame);
      await page.close();
      if (run < 0) continue; // warm-up: server caches, compiled bundles
      result.membersLcp.push(membersLcp);
      result.membersInp.push(membersInp);
      result.memberLcp.push(memberLcp);
      result.memberInp.push(memberInp);
    }
  } finally {
    await context.close();
  }
  return {
    membersLcp: median(result.membersLcp),
    membersInp: median(result.membersInp),
    memberLcp: median(result.memberLcp),
    memberInp: median(result.memberInp),
    runs,
  };
}
