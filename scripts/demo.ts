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
  fs.mkdirSync(path.dirname(marker), { recursive: true });
  fs.writeFileSync(marker, JSON.stringify({ database: markerKey, at: new Date().toISOString() }));
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
