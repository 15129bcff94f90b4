// Dev tool: `node --import tsx scripts/screenshot.mts <url> <file.png>` takes a screenshot of a sandbox page.
import { launchBrowser, newDesktopContext } from "../test/support/browser.ts";
const browser = await launchBrowser();
const page = await (await newDesktopContext(browser)).newPage();
page.on("console", (m) => console.log("console:", m.type(), m.text()));
page.on("pageerror", (e) => console.log("pageerror:", e.message));
await page.goto(process.argv[2], { waitUntil: "networkidle" });
await page.waitForTimeout(1500);
await page.screenshot({ path: process.argv[3], fullPage: true });
await browser.close();
