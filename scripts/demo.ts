// `npm run demo`: the offline sandbox. Starts the Shopify emulator and the built app (embedded database
// unless DATABASE_URL is set), installs and seeds loyalist-demo.myshopify.com through the real webhook
// path, then prints the admin and storefront URLs and keeps running until Ctrl-C.
import "dotenv/config";
import { fork } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { startEmulator } from "../test/support/emulator";
import { seedShop } from "../test/support/seed-shop";
import { DEMO_ACTIONS } from "../test/support/demo-actions";
import { actionFormValues } from "../app/actions/action-form";
import { formValuesOf } from "../app/program/settings-form";
import type { ProgramSettings } from "../app/program/program";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const SHOP = "loyalist-demo.myshopify.com";
const BROWSER_UA = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0 Safari/537.36";

function exampleEnv(): Record<string, string> {
  const values: Record<string, string> = {};
  for (const line of fs.readFileSync(path.join(root, ".env.example"), "utf8").split("\n")) {
    const match = /^([A-Z_]+)=(.*)$/.exec(line.trim());
    if (match) values[match[1]] = match[2];
  }
  return values;
}

const defaults = exampleEnv();
const setting = (name: string) => process.env[name] || defaults[name] || "";
const port = Number(setting("PORT") || 3000);
const emulatorPort = Number(process.env.EMULATOR_PORT || port + 1);
const appUrl = `http://localhost:${port}`;
const apiKey = setting("SHOPIFY_API_KEY");
const apiSecret = setting("SHOPIFY_API_SECRET");
const dataDir = setting("DATA_DIR") || ".data";
const databaseUrl = process.env.DATABASE_URL ?? "";

const say = (message: string) => process.stdout.write(`${message}\n`);

// The tunnel (what `shopify app dev` gives) fronts the app so the browser can embed it in the admin frame.
const emulator = await startEmulator({ port: emulatorPort, tunnelPort: emulatorPort + 1, apiKey, apiSecret, appUrl, storefrontScripts: [] });
say(`Shopify emulator on ${emulator.url} (app tunnel ${emulator.tunnelUrl})`);

const app = fork(path.join(root, "server.ts"), [], {
  cwd: root,
  execArgv: ["--import", "tsx"],
  env: {
    ...process.env,
    NODE_ENV: "production",
    PORT: String(port),
    SHOPIFY_API_KEY: apiKey,
    SHOPIFY_API_SECRET: apiSecret,
    SHOPIFY_APP_URL: emulator.tunnelUrl,
    DATABASE_URL: databaseUrl,
    DATA_DIR: dataDir,
    SHOPIFY_ADMIN_API_ORIGIN: emulator.adminApiOrigin,
    APP_BRIDGE_URL: emulator.appBridgeUrl,
    LOG_LEVEL: process.env.LOG_LEVEL || "warn",
    // The sandbox's scheduled work runs on a clock the jobs page can move forward (docs/decisions/008).
    LOYALIST_CONTROLLABLE_CLOCK: process.env.LOYALIST_CONTROLLABLE_CLOCK ?? "1",
  },
});

async function stop(code = 0) {
  app.kill("SIGTERM");
  await new Promise((resolve) => setTimeout(resolve, 1500));
  await emulator.close();
  process.exit(code);
}
process.on("SIGINT", () => void stop());
process.on("SIGTERM", () => void stop());
app.on("exit", (code) => {
  say(`The app exited (code ${code}).`);
  void emulator.close().then(() => process.exit(code ?? 1));
});

await new Promise<void>((resolve) => app.on("message", (m: { ready?: boolean }) => m?.ready && resolve()));

// Install through the production path: the admin frame's session token, exchanged for an access token.
emulator.installShop({ shop: SHOP, name: "Loyalist Demo Coffee", currency: "USD", owner: { firstName: "Dana", lastName: "Demo", email: "owner@example.com" } });
const install = await fetch(emulator.embeddedAppUrl(SHOP, "/app"), { headers: { "User-Agent": BROWSER_UA } });
if (install.status !== 200) {
  say(`Installing the app on ${SHOP} failed: HTTP ${install.status}`);
  await stop(1);
}

// The sandbox remembers what it seeded into this database, so a restart only rebuilds the emulator's memory.
const marker = path.join(root, dataDir, "demo-seeded.json");
const markerKey = databaseUrl || "embedded";
const seededBefore = fs.existsSync(marker) && JSON.parse(fs.readFileSync(marker, "utf8")).database === markerKey;
if (!seededBefore) {
  const saved = await fetch(`${appUrl}/app?index`, {
    method: "POST",
    headers: { Authorization: `Bearer ${emulator.sessionToken(SHOP)}`, "User-Agent": BROWSER_UA, "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ enabled: "on", pointsPerUnit: "1", awardOn: "paid", pendingDays: "0" }),
  });
  if (saved.status !== 200) say(`Turning the program on answered HTTP ${saved.status}`);
  // A few rewards, created through the admin's own form, so shoppers can redeem in the sandbox.
  const rewards: Record<string, string>[] = [
    { name: "$5 off", description: "$5 off your next order", kind: "amount_off", pointsCost: "100", "config.valueMinor": "5.00" },
    { name: "Free shipping", description: "Free shipping on your next order", kind: "free_shipping", pointsCost: "150" },
    { name: "10% off", description: "10% off your next order", kind: "percent_off", pointsCost: "250", "config.percent": "10" },
    // An experience: staff book and deliver it from Fulfilment.
    {
      name: "Coffee tasting with our roaster",
      description: "A private 30-minute tasting, booked with you",
      kind: "experience",
      pointsCost: "400",
      "config.stock": "10",
    },
  ];
  for (const reward of rewards) {
    const created = await fetch(`${appUrl}/app/rewards/new`, {
      method: "POST",
      redirect: "manual",
      headers: { Authorization: `Bearer ${emulator.sessionToken(SHOP)}`, "User-Agent": BROWSER_UA, "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ ...reward, enabled: "on", codeValidityDays: "30", combinesShipping: "on" }),
    });
    if (created.status >= 400) say(`Creating the reward "${reward.name}" answered HTTP ${created.status}`);
  }
  // Every way to earn beyond purchases, through the Ways to earn form.
  for (const action of DEMO_ACTIONS) {
    const created = await fetch(`${appUrl}/app/actions/new`, {
      method: "POST",
      redirect: "manual",
      headers: { Authorization: `Bearer ${emulator.sessionToken(SHOP)}`, "User-Agent": BROWSER_UA, "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ ...actionFormValues(null, action.kind), ...action }),
    });
    if (created.status >= 400) say(`Creating the way to earn "${action.title}" answered HTTP ${created.status}`);
  }
  // Points expire after 12 months without earning or redeeming, with reminders 30 and 7 days before (the
  // settings form as the merchant saves it; as with any newly enabled expiry, nothing expires for a full period).
  const settingsUrl = `${appUrl}/app/settings?_data=${encodeURIComponent("routes/app.settings")}`;
  const auth = { Authorization: `Bearer ${emulator.sessionToken(SHOP)}`, "User-Agent": BROWSER_UA };
  const current = (await (await fetch(settingsUrl, { headers: auth })).json()) as { program: ProgramSettings; currency: string };
  const form = Object.entries(formValuesOf(current.program, current.currency)).map(([k, v]) => [k, typeof v === "boolean" ? (v ? "on" : "off") : v]);
  const expiry = await fetch(settingsUrl, {
    method: "POST",
    headers: { ...auth, "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams([...form, ["expiry.enabled", "on"], ["expiry.policy", "inactivity"], ["expiry.months", "12"], ["expiry.reminderDays", "30, 7"]]),
  });
  if (expiry.status !== 200) say(`Turning points expiry on answered HTTP ${expiry.status}`);
  // Three VIP tiers by money spent in a calendar year, confirmed through the Tiers page; the apply job places
  // members within a minute, and orders arriving later move members up as they cross a threshold.
  const tiers = [
    { name: "Bronze", threshold: "50.00", multiplier: "1", birthdayBonus: "50" },
    { name: "Silver", threshold: "200.00", multiplier: "1.25", birthdayBonus: "100" },
    { name: "Gold", threshold: "500.00", multiplier: "1.5", birthdayBonus: "250" },
  ];
  const tierForm = new URLSearchParams({ intent: "apply", measure: "spend", period: "calendar_year", graceDays: "30" });
  tiers.forEach((tier, row) => {
    for (const [key, value] of Object.entries(tier)) tierForm.set(`tiers.${row}.${key}`, value);
  });
  const tiersSaved = await fetch(`${appUrl}/app/tiers?_data=${encodeURIComponent("routes/app.tiers")}`, {
    method: "POST",
    headers: { Authorization: `Bearer ${emulator.sessionToken(SHOP)}`, "User-Agent": BROWSER_UA, "Content-Type": "application/x-www-form-urlencoded" },
    body: tierForm,
  });
  if (tiersSaved.status !== 200) say(`Setting up the tiers answered HTTP ${tiersSaved.status}`);
  // A reward only Gold members may redeem, once the apply job has stored the tiers (it runs every minute).
  const programUrl = `${appUrl}/proxy/program?${emulator.signProxyQuery({ shop: SHOP })}`;
  let gold: { id: string } | undefined;
  for (let waited = 0; !gold && waited < 120_000; waited += 1000) {
    const program = (await (await fetch(programUrl)).json()) as { tiers?: { id: string; name: string }[] };
    gold = program.tiers?.find((t) => t.name === "Gold");
    if (!gold) await new Promise((r) => setTimeout(r, 1000));
  }
  if (!gold) say("The tiers were not applied within two minutes: the Gold-only reward was not created");
  else {
    const vip = await fetch(`${appUrl}/app/rewards/new`, {
      method: "POST",
      redirect: "manual",
      headers: { Authorization: `Bearer ${emulator.sessionToken(SHOP)}`, "User-Agent": BROWSER_UA, "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({
        name: "Gold members: $20 off",
        description: "$20 off your next order, for Gold members",
        kind: "amount_off",
        pointsCost: "300",
        "config.valueMinor": "20.00",
        minimumTier: gold.id,
        enabled: "on",
        codeValidityDays: "30",
        combinesShipping: "on",
      }),
    });
    if (vip.status >= 400) say(`Creating the Gold-only reward answered HTTP ${vip.status}`);
  }
  // The referral program, through the admin's referral settings form: 500 points for the referrer, $10 off for the friend.
  const referrals = await fetch(`${appUrl}/app/referrals?_data=${encodeURIComponent("routes/app.referrals")}`, {
    method: "POST",
    headers: { Authorization: `Bearer ${emulator.sessionToken(SHOP)}`, "User-Agent": BROWSER_UA, "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({
      intent: "settings",
      enabled: "on",
      referrerPoints: "500",
      friendRewardKind: "amount_off",
      friendRewardValue: "10.00",
      refundWindowDays: "30",
    }),
  });
  if (referrals.status !== 200) say(`Turning referrals on answered HTTP ${referrals.status}`);
}
say(seededBefore ? "Rebuilding the sandbox store (already seeded)…" : "Seeding the sandbox shop through signed webhooks…");
const started = Date.now();
const seeded = await seedShop(emulator, SHOP, {
  sendWebhooks: !seededBefore,
  onProgress: (n) => process.stdout.write(`  ${n} orders\r`),
});
if (!seededBefore) {
  for (;;) {
    const health = (await (await fetch(`${appUrl}/healthz`)).json()) as { pendingWebhooks?: number };
    if (!health.pendingWebhooks) break;
    await new Promise((r) => setTimeout(r, 250));
  }
  await seedReferrals(seeded.memberIds);
  fs.mkdirSync(path.dirname(marker), { recursive: true });
  fs.writeFileSync(marker, JSON.stringify({ database: markerKey, at: new Date().toISOString() }));
}
/**
 * A few referrals through the storefront API: one friend who claimed and ordered (the referrer's points pending
 * until the refund window passes), one who claimed and has not ordered yet, and one held for review (the fourth
 * claim from one IP address this week).
 */
async function seedReferrals(memberIds: number[]): Promise<void> {
  const proxy = (path: string, customerId: number | null, init: RequestInit = {}) =>
    fetch(`${appUrl}/proxy/${path}?${emulator.signProxyQuery({ shop: SHOP, customerId: customerId === null ? undefined : String(customerId) })}`, init);
  const codeOf = async (memberId: number) => ((await (await proxy("referral", memberId)).json()) as { code: string }).code;
  const claim = (code: string, email: string) =>
    proxy("referral/claim", null, {
      method: "POST",
      headers: { "Content-Type": "application/json", "X-Forwarded-For": "198.51.100.23" },
      body: JSON.stringify({ code, email }),
    });
  const product = [...emulator.store.data(SHOP).products.values()][0];
  const friends = ["sofia.friend@example.com", "liam.friend@example.com", "noor.friend@example.com"];
  const claimed = await claim(await codeOf(memberIds[0]), friends[0]);
  const { discountCode } = (await claimed.json()) as { discountCode?: string };
  if (discountCode && product) {
    const friend = emulator.store.addCustomer(SHOP, { email: friends[0], first_name: "Sofia", last_name: "Rossi" });
    await emulator.orders.place(SHOP, {
      customer: { id: friend.id },
      lines: [{ productId: product.id, variantId: product.variants[0].id, quantity: 2 }],
      discountCodes: [discountCode],
    });
  }
  await claim(await codeOf(memberIds[1]), friends[1]);
  await claim(await codeOf(memberIds[2]), friends[2]);
  const held = await claim(await codeOf(memberIds[3]), "quick.claims@example.com");
  if (held.status !== 409) say(`The held demo referral answered HTTP ${held.status}`);
}

// Show the storefront as a member who can already afford a reward: the richest of the first few buyers.
async function balanceOf(customerId: number): Promise<number> {
  const query = emulator.signProxyQuery({ shop: SHOP, customerId: String(customerId) });
  const view = (await (await fetch(`${appUrl}/proxy/member?${query}`)).json()) as { balance?: number };
  return view.balance ?? 0;
}
let member = seeded.memberIds[0];
let best = -1;
for (const candidate of seeded.memberIds.slice(0, 40)) {
  const balance = await balanceOf(candidate);
  if (balance > best) [member, best] = [candidate, balance];
}
say(`Seeded ${seeded.products} products, ${seeded.customers} customers and ${seeded.orders} orders in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
say("");
say("Loyalist sandbox is running (offline).");
say(`  Admin (as the shop owner):  ${emulator.adminUrl(SHOP)}`);
say(`  Storefront as a member:     ${emulator.storefrontUrl(SHOP, member)}`);
say(`  Storefront as a guest:      ${emulator.storefrontUrl(SHOP, "guest")}`);
say(`  Storefront widget pages:    ${emulator.url}/storefront/${SHOP}/account?as=${member} (account block), …/cart, …/products/<handle>; ?locale=ar|fi|zh-CN`);
say(`  App:                        ${appUrl}  (health: ${appUrl}/healthz)`);
say(`  Webhooks:                   POST ${appUrl}/webhooks/orders … signed with SHOPIFY_API_SECRET=${apiSecret}`);
say(`  App proxy root:             ${appUrl}/proxy/member?…signed query (shop=${SHOP})`);
say("Press Ctrl-C to stop.");
