// Redemption: POST /proxy/redeem through the app proxy until the shopper holds a real discount code created in the
// (emulated) Shopify Admin API. Latency one request at a time; throughput with concurrent shoppers; and whether
// every 201 is one code in Shopify and every balance still equals its ledger.
import type { BenchContext } from "./context";
import { percentile, runLoad, type LoadRequest } from "./load";
import type { Row, Section } from "./report";

export type RedemptionOptions = {
  /** Sequential redemptions for the latency figures. */
  latencyRedemptions: number;
  /** Redemptions sent concurrently for the throughput figure (kept within one Shopify cost bucket). */
  throughputRedemptions: number;
  concurrency: number;
  members: number;
};

export const DEFAULT_REDEMPTION_OPTIONS: RedemptionOptions = { latencyRedemptions: 100, throughputRedemptions: 150, concurrency: 16, members: 32 };

const SHOP = "loyalist-bench-rewards.myshopify.com";
const REWARD_ID = "bench-reward-5-off";

/** Runs the redemption benchmark and returns its report section. */
export async function redemptionBench(ctx: BenchContext, options: RedemptionOptions = DEFAULT_REDEMPTION_OPTIONS): Promise<Section[]> {
  const h = ctx.harness;
  await h.globalSetup();
  const sandbox = await h.startSandbox({ env: { ...ctx.childEnv("app-redemption"), PROXY_RATE_LIMIT_BURST: "100000", PROXY_RATE_LIMIT_PER_SECOND: "10000" } });
  ctx.onCleanup(() => sandbox.stop());
  await sandbox.install(SHOP);
  const saved = await sandbox.saveProgram(SHOP, { enabled: "on", pointsPerUnit: "1", awardOn: "paid", pendingDays: "0" });
  if (saved.status !== 200) throw new Error(`program could not be saved: ${saved.status}`);
  await sandbox.db.query(
    `INSERT INTO "Reward" (id, "shopDomain", name, kind, "pointsCost", config, "combinesWith", "updatedAt")
     VALUES ($1, $2, '5.00 off', 'amount_off', 100, '{"valueMinor": 500}', '{"orderDiscounts": false, "productDiscounts": true, "shippingDiscounts": true}', now())`,
    [REWARD_ID, SHOP],
  );

  ctx.log(`redemption: ${options.members} members earn their points through order webhooks`);
  const product = sandbox.emulator.store.addProduct(SHOP, { title: "Bench beans", variants: [{ price: "20.00" }] });
  const total = options.latencyRedemptions + options.throughputRedemptions;
  const perMember = Math.ceil(total / options.members) * 100;
  const customers: string[] = [];
  for (let i = 0; i < options.members; i++) {
    const customer = sandbox.emulator.store.addCustomer(SHOP, { email: `bench-redeem-${i}@example.com`, first_name: "Bench", last_name: String(i) });
    await sandbox.emulator.orders.place(SHOP, {
      customer: { id: customer.id },
      lines: [{ productId: product.id, variantId: product.variants[0].id, quantity: 1, price: `${perMember}.00` }],
    });
    customers.push(String(customer.id));
  }
  await sandbox.settle(120_000);

  const requestFor = (i: number): LoadRequest => {
    const query = sandbox.emulator.signProxyQuery({ shop: SHOP, customerId: customers[i % customers.length] });
    return {
      method: "POST",
      path: `/proxy/redeem?${query}`,
      headers: { "Content-Type": "application/json" },
      body: Buffer.from(JSON.stringify({ rewardId: REWARD_ID })),
    };
  };
  let answered201 = 0;
  const count = (_i: number, status: number) => {
    if (status === 201) answered201++;
  };

  ctx.log(`redemption: ${options.latencyRedemptions} redemptions one at a time`);
  sandbox.emulator.throttle.set(SHOP, 2000);
  const sequential = await runLoad({
    url: sandbox.app.url,
    requests: Array.from({ length: options.latencyRedemptions }, (_, i) => requestFor(i)),
    concurrency: 1,
    timeLimitMs: 120_000,
    onResponse: count,
  });
  const sorted = Float64Array.from(sequential.latencies).sort();

  ctx.log(`redemption: ${options.throughputRedemptions} redemptions, ${options.concurrency} at a time`);
  sandbox.emulator.throttle.set(SHOP, 2000);
  const concurrent = await runLoad({
    url: sandbox.app.url,
    requests: Array.from({ length: options.throughputRedemptions }, (_, i) => requestFor(options.latencyRedemptions + i)),
    concurrency: options.concurrency,
    timeLimitMs: 180_000,
    onResponse: count,
  });
  const concurrentSorted = Float64Array.from(concurrent.latencies).sort();

  const codes = sandbox.emulator.store.discountCodes(SHOP).length;
  const { rows } = await sandbox.db.query<{ n: string }>(
    `SELECT count(*) AS n FROM "Member" m WHERE m."shopDomain" = $1
       AND m.balance <> (SELECT COALESCE(SUM(points), 0) FROM "LedgerEntry" e WHERE e."memberId" = m.id)`,
    [SHOP],
  );
  const mismatched = Number(rows[0].n);

  const table: Row[] = [
    { metric: "redemption latency p50 (proxy request → code)", value: percentile(sorted, 50), unit: "ms", target: { max: 500 } },
    { metric: "redemption latency p95", value: percentile(sorted, 95), unit: "ms", target: { max: 1000 } },
    { metric: `concurrent redemptions (${options.concurrency} at a time)`, value: concurrent.throughput, unit: "/s", target: { min: 10 } },
    { metric: "latency p95 under concurrency", value: percentile(concurrentSorted, 95), unit: "ms" },
    { metric: "redemptions answered 201 without a code in Shopify", value: answered201 - codes, target: { equals: 0 } },
    { metric: "members whose balance ≠ sum of their ledger", value: mismatched, target: { equals: 0 } },
  ];
  return [
    {
      title: "Redemption (app proxy → Admin API discount code, against the emulator)",
      description: [
        `${options.members} members; a 100-point "5.00 off" reward; each redemption locks the member, posts the ledger entry, commits, then calls discountCodeBasicCreate.`,
        `latency: ${options.latencyRedemptions} sequential requests; throughput: ${options.throughputRedemptions} requests over ${options.concurrency} connections.`,
      ],
      rows: table,
      notes: [
        `statuses: sequential ${JSON.stringify(sequential.statuses)}, concurrent ${JSON.stringify(concurrent.statuses)}`,
        "Each code costs 10 Admin API points; Shopify restores 100 points/s on standard plans (1,000 on Plus), so a shop's sustained rate is about 10 codes/s there; the throughput phase stays within one full bucket.",
      ],
    },
  ];
}
