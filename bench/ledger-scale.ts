// `npm run bench -- --only ledger-scale [--ledger-entries 10000000] [--ledger-members 100000]`: the storefront's
// member answer and the admin's members pages on a big ledger (issue 14: "indexed for the queries the app makes
// at 10M ledger entries"), beside the same figures on today's bench-sized shop, in one run on one database.
// Each member of the big shop has entries / members paid orders: an order record, its tier order, its earn
// entry and its points lot (30M+ rows for 10M entries), seeded set-based in SQL, with tiers and points expiry
// on, so the member answer reads tier standing, history, lots and last activity as it does in production.
import type { BenchContext } from "./context";
import { percentile, runLoad } from "./load";
import type { Row, Section } from "./report";
import { withTiersAndExpiry, type BenchSandbox } from "./widget";

export type LedgerScaleOptions = { entries: number; members: number; memberRequests: number; vitalsRuns: number };
export const DEFAULT_LEDGER_SCALE_OPTIONS: LedgerScaleOptions = { entries: 10_000_000, members: 100_000, memberRequests: 400, vitalsRuns: 5 };

const BIG_SHOP = "loyalist-bench-ledger.myshopify.com";
const SMALL_SHOP = "loyalist-bench-ledger-small.myshopify.com";
/** Today's bench-sized shop, each member with as many orders as the big shop's: what differs is the tables' size. */
const SMALL_MEMBERS = 1_000;
/** Members seeded (and ledger rows written) per statement: each statement stays a few seconds. */
const CHUNK_MEMBERS = 5_000;

/**
 * Gives members g = from..to of `shop` (seeded by seedMembers: id `<prefix>g`, customer 8000000000 + g) `per`
 * paid orders each over the last two years: order, tier order, earn entry of 10 points and its open lot, and
 * sets the member's totals to the sum of their ledger. The rows are consistent by construction, so the
 * session skips the foreign-key triggers (session_replication_role) that would otherwise check each row.
 */
async function seedLedger(db: BenchSandbox["db"], shop: string, prefix: string, from: number, to: number, per: number): Promise<void> {
  const client = await db.connect();
  try {
    await client.query("BEGIN");
    await client.query("SET LOCAL session_replication_role = replica");
    // Order k of member g: its id, and a time spread over two years, newest last.
    const orders = `SELECT g, k, (6000000000::bigint + g::bigint * ${per} + k)::text AS "orderId",
        now() - make_interval(secs => ((${per} - k) * (730 * 86400 / ${per}) + (g * 7919) % 86400)::double precision) AS at
      FROM generate_series($2::int, $3::int) g, generate_series(1, ${per}) k`;
    await client.query(
      `INSERT INTO "OrderRecord" ("shopDomain", "orderId", "customerId", currency, "updatedAtShopify", "createdAtShopify", "occurredAt", snapshot, rule, "memberId", "targetPoints", "subtotalMinor", "updatedAt")
       SELECT $1, "orderId", (8000000000::bigint + g)::text, 'USD', at, at, at, jsonb_build_object('name', '#' || "orderId"), '{}'::jsonb, $4::text || g, 10, 1000, at
       FROM (${orders}) o`,
      [shop, from, to, prefix],
    );
    await client.query(
      `INSERT INTO "TierOrder" ("shopDomain", "orderId", "memberId", "occurredAt", "spendMinor", counts)
       SELECT $1, "orderId", $4::text || g, at, 1000, true FROM (${orders}) o`,
      [shop, from, to, prefix],
    );
    await client.query(
      `INSERT INTO "LedgerEntry" (id, "shopDomain", "memberId", kind, points, reason, source, "sourceId", "orderId", "idempotencyKey", "occurredAt", "createdAt")
       SELECT $4::text || 'e' || "orderId", $1, $4::text || g, 'earn', 10, 'order', 'order', "orderId", "orderId", 'order:' || "orderId" || ':earn', at, at FROM (${orders}) o`,
      [shop, from, to, prefix],
    );
    await client.query(
      `INSERT INTO "PointLot" (id, "shopDomain", "memberId", "entryId", "orderId", points, remaining, "earnedAt", "createdAt")
       SELECT $4::text || 'l' || "orderId", $1, $4::text || g, $4::text || 'e' || "orderId", "orderId", 10, 10, at, at FROM (${orders}) o`,
      [shop, from, to, prefix],
    );
    await client.query(
      `UPDATE "Member" SET balance = ${per * 10}, pending = 0, "lifetimeEarned" = ${per * 10}, "lastActivityAt" = now() - make_interval(secs => (g * 7919) % 86400)
       FROM generate_series($2::int, $3::int) g WHERE "shopDomain" = $1 AND id = $4::text || g`,
      [shop, from, to, prefix],
    );
    await client.query("COMMIT");
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

type Figures = { memberP50: number; memberP95: number; membersLcp: number; memberLcp: number; loaderMs: number; statuses: Record<string, number> };

/** The storefront member answer over `requests` members in turn, and the members and member pages' LCP. */
async function measure(ctx: BenchContext, sandbox: BenchSandbox, shop: string, prefix: string, members: number, options: LedgerScaleOptions): Promise<Figures> {
  const [{ measureAdminVitals }, { launchBrowser }, { adminGet }] = await Promise.all([
    import("../test/support/vitals"),
    import("../test/support/browser"),
    import("../test/support/admin"),
  ]);
  // Members spread over the whole shop (a stride coprime with most sizes), so the reads are not all cached pages.
  const customer = (i: number) => String(8000000000 + 1 + ((i * 7919) % members));
  const requests = Array.from({ length: options.memberRequests }, (_, i) => ({
    method: "GET",
    path: `/proxy/member?${sandbox.emulator.signProxyQuery({ shop, customerId: customer(i) })}`,
    headers: { Accept: "application/json" },
  }));
  await runLoad({ url: sandbox.app.url, requests: requests.slice(0, 20), concurrency: 1, timeLimitMs: 60_000 }); // warm-up
  const load = await runLoad({ url: sandbox.app.url, requests, concurrency: 1, timeLimitMs: 300_000 });
  const latencies = Float64Array.from(load.latencies).sort();
  const started = performance.now();
  const page = await adminGet(sandbox, { shop, path: "/app/members?sort=balance_desc", routeId: "app.members._index" });
  await page.text();
  const loaderMs = performance.now() - started;
  const browser = await launchBrowser();
  try {
    ctx.log(`ledger scale: ${shop}: admin pages, ${options.vitalsRuns} loads each`);
    const vitals = await measureAdminVitals(sandbox, browser, shop, `${prefix}1`, options.vitalsRuns);
    return {
      memberP50: percentile(latencies, 50),
      memberP95: percentile(latencies, 95),
      membersLcp: vitals.membersLcp,
      memberLcp: vitals.memberLcp,
      loaderMs,
      statuses: load.statuses,
    };
  } finally {
    await browser.close();
  }
}

export async function ledgerScaleBench(ctx: BenchContext, options: LedgerScaleOptions = DEFAULT_LEDGER_SCALE_OPTIONS): Promise<Section[]> {
  const h = ctx.harness;
  await h.globalSetup();
  const { seedMembers } = await import("../test/support/seed-members");
  const sandbox = await h.startSandbox({ env: { ...ctx.childEnv("app-ledger"), PROXY_RATE_LIMIT_BURST: "100000", PROXY_RATE_LIMIT_PER_SECOND: "10000" } });
  ctx.onCleanup(() => sandbox.stop());
  const per = Math.max(1, Math.round(options.entries / options.members));

  const seed = async (shop: string, prefix: string, members: number, perMember: number) => {
    await sandbox.install(shop, { name: "Bench Ledger" });
    const saved = await sandbox.saveProgram(shop, { enabled: "on", pointsPerUnit: "1", awardOn: "paid", pendingDays: "0" });
    if (saved.status !== 200) throw new Error(`program of ${shop} could not be saved: ${saved.status}`);
    await withTiersAndExpiry(sandbox, shop);
    await seedMembers(sandbox.db, shop, members, 0, prefix);
    const started = Date.now();
    for (let from = 1; from <= members; from += CHUNK_MEMBERS) {
      const to = Math.min(members, from + CHUNK_MEMBERS - 1);
      await seedLedger(sandbox.db, shop, prefix, from, to, perMember);
      if (members > SMALL_MEMBERS)
        ctx.log(`ledger scale: ${(to * perMember).toLocaleString("en")} entries seeded (${((Date.now() - started) / 1000).toFixed(0)} s)`);
    }
    for (const table of ["LedgerEntry", "OrderRecord", "TierOrder", "PointLot", "Member"]) await sandbox.db.query(`ANALYZE "${table}"`);
    return (Date.now() - started) / 1000;
  };

  ctx.log(`ledger scale: today's shop, ${SMALL_MEMBERS.toLocaleString("en")} members × ${per} orders`);
  await seed(SMALL_SHOP, "small-", SMALL_MEMBERS, per);
  const small = await measure(ctx, sandbox, SMALL_SHOP, "small-", SMALL_MEMBERS, options);

  ctx.log(
    `ledger scale: seeding ${options.members.toLocaleString("en")} members × ${per} orders (${(options.members * per).toLocaleString("en")} ledger entries)`,
  );
  const seedSeconds = await seed(BIG_SHOP, "big-", options.members, per);
  const counts = await sandbox.db.query<{ entries: string; lots: string; orders: string }>(
    `SELECT (SELECT count(*) FROM "LedgerEntry") AS entries, (SELECT count(*) FROM "PointLot") AS lots, (SELECT count(*) FROM "OrderRecord") AS orders`,
  );
  const big = await measure(ctx, sandbox, BIG_SHOP, "big-", options.members, options);
  const entries = Number(counts.rows[0].entries);

  const rows: Row[] = [
    { metric: "ledger entries in the database", value: entries, unit: "", target: { min: options.members * per } },
    { metric: "app proxy GET member p50", value: +big.memberP50.toFixed(2), unit: "ms", baseline: +small.memberP50.toFixed(2), target: { max: 50 } },
    {
      metric: "app proxy GET member p95 (tiers and expiring points on)",
      value: +big.memberP95.toFixed(2),
      unit: "ms",
      baseline: +small.memberP95.toFixed(2),
      target: { max: 15 },
    },
    { metric: "members page LCP (median)", value: Math.round(big.membersLcp), unit: "ms", baseline: Math.round(small.membersLcp), target: { max: 1000 } },
    {
      metric: "member page LCP (median, a member with their orders)",
      value: Math.round(big.memberLcp),
      unit: "ms",
      baseline: Math.round(small.memberLcp),
      target: { max: 1000 },
    },
    {
      metric: "members loader, first page by balance",
      value: Math.round(big.loaderMs),
      unit: "ms",
      baseline: Math.round(small.loaderMs),
      target: { max: 500 },
    },
  ];
  return [
    {
      title: "Ledger at scale: storefront member answer and admin members pages (big shop vs today's bench-sized shop)",
      description: [
        `big shop: ${options.members.toLocaleString("en")} members × ${per} paid orders (order record, tier order, earn entry, open lot each), seeded set-based in ${seedSeconds.toFixed(0)} s; the database holds ${entries.toLocaleString("en")} ledger entries, ${Number(counts.rows[0].lots).toLocaleString("en")} lots, ${Number(counts.rows[0].orders).toLocaleString("en")} orders.`,
        `baseline: the same measurements on a shop of ${SMALL_MEMBERS.toLocaleString("en")} members × ${per} orders (as many per member), same run, same database, before the big seed.`,
        `member: ${options.memberRequests} sequential signed GET /proxy/member over members spread across the shop, three spend tiers and inactivity expiry with reminders on. Admin: median of ${options.vitalsRuns} loads in headless Chromium through the emulator's admin frame.`,
      ],
      rows,
      notes: [`member statuses: big ${JSON.stringify(big.statuses)}, small ${JSON.stringify(small.statuses)}`],
    },
  ];
}
