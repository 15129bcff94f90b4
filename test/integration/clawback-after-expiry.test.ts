// A refund after an order's points expired, with the controllable clock: the clawback takes only what of the
// order had not expired; what expired is written off once (recorded on the entry), never taken again from the
// member's other points and never owed as a shortfall. The shopper's history says so.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { adjustmentFormSchema } from "~/ledger/adjustments";
import { adjustBalance } from "~/ledger/adjustments.server";
import { addMonths } from "~/expiry/expiry";
import { advanceClock, now } from "~/platform/clock.server";
import { aMember, anExpiryPolicy } from "../support/factories";
import { startSandbox, type Sandbox } from "../support/sandbox";
import { scheduledWork, type ScheduledWork } from "../support/scheduled-work";

const SHOP = "clawback-expiry.myshopify.com";
const DAY = 86_400_000;
const HOUR = 3_600_000;

let sandbox: Sandbox;
let work: ScheduledWork;
let expiresAt: Date;

/** An order by the customer at `at` with one line per points amount (1 point per $1). */
async function anOrderAt(customer: { id: number | string }, points: number[], at: Date) {
  const lines = points.map((p) => {
    const product = sandbox.emulator.store.addProduct(SHOP, { title: `Thing ${crypto.randomUUID()}`, variants: [{ price: `${p}.00` }] });
    return { productId: product.id, variantId: product.variants[0].id, quantity: 1, price: `${p}.00` };
  });
  const { order } = await sandbox.emulator.orders.place(SHOP, { customer: { id: customer.id }, lines, createdAt: at, processedAt: at });
  await sandbox.settle();
  return order;
}

async function refundLines(order: { id: number | string; line_items: { id: number | string }[] }, lines: number[], at: Date) {
  await sandbox.emulator.orders.refund(SHOP, order.id, { lines: lines.map((i) => ({ lineItemId: order.line_items[i].id, quantity: 1 })), at });
  await sandbox.settle();
}

async function runExpiryJob() {
  const job = work.schedules.find((s) => s.name === "expire-points");
  if (!job) throw new Error("expire-points is not in the schedule registry");
  await job.run({ dueAt: await now() });
}

/** The member's totals, the ledger's and lots' sums, and the order's entries. */
async function stateOf(memberId: string, orderName?: string) {
  const { rows } = await sandbox.db.query<{ balance: number; shortfall: number; sum: string; lots: string }>(
    `SELECT m.balance, m.shortfall, (SELECT COALESCE(SUM(points), 0) FROM "LedgerEntry" WHERE "memberId" = m.id) AS sum,
            (SELECT COALESCE(SUM(remaining), 0) FROM "PointLot" WHERE "memberId" = m.id) AS lots
     FROM "Member" m WHERE m.id = $1`,
    [memberId],
  );
  const entries = orderName
    ? (
        await sandbox.db.query<{ kind: string; points: number; shortfall: number; expiredWriteOff: number }>(
          `SELECT kind, points, shortfall, "expiredWriteOff" FROM "LedgerEntry" WHERE "memberId" = $1 AND "orderId" IN (SELECT "orderId" FROM "OrderRecord" WHERE "shopDomain" = $2 AND snapshot->>'name' = $3)
           ORDER BY "createdAt", id`,
          [memberId, SHOP, orderName],
        )
      ).rows
    : [];
  const { balance, shortfall } = rows[0];
  return { balance, shortfall, sum: Number(rows[0].sum), lots: Number(rows[0].lots), entries };
}

beforeAll(async () => {
  sandbox = await startSandbox({ env: { PROXY_RATE_LIMIT_BURST: "1000" } });
  await sandbox.install(SHOP);
  expect((await sandbox.saveProgram(SHOP, { enabled: "on", pointsPerUnit: "1", awardOn: "paid", pendingDays: "0" })).status).toBe(200);
  // Points expire a month after they were earned; turning it on gives members that month's notice.
  await anExpiryPolicy(sandbox, SHOP, { policy: "per_lot", months: 1, reminderDays: "7" });
  expiresAt = addMonths(await now(), 1);
  work = scheduledWork(sandbox.app.databaseUrl);
}, 120_000);

afterAll(async () => {
  await work?.close();
  await sandbox?.stop();
});

describe("refunding an order whose points expired", () => {
  it(
    "GIVEN orders whose points expired (one fully, one after a partial refund, one partly spent) WHEN refunded THEN only unexpired points are taken, the rest is written off once",
    { timeout: 240_000 },
    async () => {
      const t0 = await now();
      // GIVEN three members, each with an order of 100 points now and a newer 50-point order that expires later
      const full = await aMember(sandbox, SHOP);
      const partial = await aMember(sandbox, SHOP);
      const spent = await aMember(sandbox, SHOP);
      const orders = new Map<string, Awaited<ReturnType<typeof anOrderAt>>>();
      for (const [name, m] of [
        ["full", full],
        ["partial", partial],
        ["spent", spent],
      ] as const) {
        orders.set(name, await anOrderAt(m.customer, [60, 40], t0));
        await anOrderAt(m.customer, [50], new Date(t0.getTime() + 20 * DAY));
      }
      // One member had 40 of the order's points refunded before they expired: taken from the order's own lot.
      await refundLines(orders.get("partial")!, [1], new Date(t0.getTime() + DAY));
      expect(await stateOf(partial.memberId)).toMatchObject({ balance: 111, shortfall: 0 });
      // Another spent 30 points, taken from the order's lot (the oldest: their 1-point welcome order came after t0).
      const spend = await adjustBalance(
        SHOP,
        spent.memberId,
        "test",
        adjustmentFormSchema.parse({ direction: "remove", points: 30, reason: "correction", submissionId: "clawback-expiry-spend", confirmed: "yes" }),
      );
      expect(spend.ok).toBe(true);

      // WHEN a month passes and the expiry job runs THEN each member's first order (and welcome point) expire
      await advanceClock(expiresAt.getTime() + HOUR - (await now()).getTime());
      await runExpiryJob();
      expect(await stateOf(full.memberId)).toMatchObject({ balance: 50, sum: 50, lots: 50, shortfall: 0 });
      expect(await stateOf(partial.memberId)).toMatchObject({ balance: 50, sum: 50, lots: 50, shortfall: 0 });
      expect(await stateOf(spent.memberId)).toMatchObject({ balance: 50, sum: 50, lots: 50, shortfall: 0 });
      const refundAt = new Date(expiresAt.getTime() + 2 * HOUR);

      // WHEN the fully expired order is refunded in full THEN the refund takes nothing, owes nothing, writes off 100
      const fullOrder = orders.get("full")!;
      await refundLines(fullOrder, [0, 1], refundAt);
      let state = await stateOf(full.memberId, fullOrder.name);
      expect(state).toMatchObject({ balance: 50, sum: 50, lots: 50, shortfall: 0 });
      expect(state.entries.at(-1)).toMatchObject({ points: 0, shortfall: 0, expiredWriteOff: 100 });
      // and reconciling the order again (a later orders/updated) changes nothing
      await sandbox.emulator.orders.fulfill(SHOP, fullOrder.id);
      await sandbox.settle();
      expect((await stateOf(full.memberId, fullOrder.name)).entries).toEqual(state.entries);

      // WHEN the rest of the partly refunded order is refunded THEN its 60 expired points are written off, not taken again
      const partialOrder = orders.get("partial")!;
      await refundLines(partialOrder, [0], refundAt);
      state = await stateOf(partial.memberId, partialOrder.name);
      expect(state).toMatchObject({ balance: 50, sum: 50, lots: 50, shortfall: 0 });
      expect(state.entries.map((e) => [e.points, e.shortfall, e.expiredWriteOff])).toEqual([
        [100, 0, 0],
        [-40, 0, 0],
        [0, 0, 60],
      ]);

      // WHEN the partly spent order is refunded THEN the 30 spent points are taken back (as without expiry), the 70 expired are not
      const spentOrder = orders.get("spent")!;
      await refundLines(spentOrder, [0, 1], refundAt);
      state = await stateOf(spent.memberId, spentOrder.name);
      expect(state).toMatchObject({ balance: 20, sum: 20, lots: 20, shortfall: 0 });
      expect(state.entries.at(-1)).toMatchObject({ points: -30, shortfall: 0, expiredWriteOff: 70 });

      // THEN the shopper's history explains the write-off, in their language
      const view = (await (await sandbox.proxy(SHOP, "member", full.customerId)).json()) as { history: { type: string; points: number; reason: string }[] };
      const refundLine = view.history.find((h) => h.reason.includes("had already expired"));
      expect(refundLine).toMatchObject({
        points: 0,
        reason: `Points for order ${fullOrder.name} corrected (100 of its points had already expired and were not taken back)`,
      });
      const fi = (await (await sandbox.proxy(SHOP, "member", spent.customerId, { query: { locale: "fi" } })).json()) as { history: { reason: string }[] };
      expect(fi.history.some((h) => h.reason.includes("70 sen pisteistä oli jo vanhentunut"))).toBe(true);
    },
  );

  it(
    "GIVEN an order whose points expired WHEN its refund is processed by the batched fast path THEN the same write-off, nothing taken",
    { timeout: 120_000 },
    async () => {
      // GIVEN a member whose 100-point order from 40 days ago has expired (and their welcome point, earned on the
      // real clock, before the moved one's month), and a 50-point order from today
      const member = await aMember(sandbox, SHOP);
      const today = await now();
      const order = await anOrderAt(member.customer, [100], new Date(today.getTime() - 40 * DAY));
      await anOrderAt(member.customer, [50], today);
      await runExpiryJob();
      expect(await stateOf(member.memberId)).toMatchObject({ balance: 50, sum: 50, lots: 50, shortfall: 0 });

      // WHEN Shopify's orders/updated for the refund is held back and released with a re-send, so one claim takes both
      await sandbox.db.query(`
        CREATE OR REPLACE FUNCTION test_hold_delivery() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN NEW."processedAt" := 'infinity'; RETURN NEW; END $$;`);
      await sandbox.db.query(
        `CREATE TRIGGER test_hold BEFORE INSERT ON "WebhookDelivery" FOR EACH ROW WHEN (NEW."shopDomain" = '${SHOP}') EXECUTE FUNCTION test_hold_delivery()`,
      );
      const store = sandbox.emulator.store;
      store.refund(SHOP, order.id, { lines: [{ lineItemId: order.line_items[0].id, quantity: 1 }] });
      const updated = store.order(SHOP, order.id);
      for (let i = 0; i < 2; i++) expect((await sandbox.emulator.webhooks.send({ shop: SHOP, topic: "orders/updated", payload: updated })).status).toBe(200);
      await sandbox.db.query(`DROP TRIGGER test_hold ON "WebhookDelivery"`);
      await sandbox.db.query(`UPDATE "WebhookDelivery" SET "processedAt" = NULL WHERE "shopDomain" = $1 AND "processedAt" = 'infinity'`, [SHOP]);
      await sandbox.settle();

      // THEN the fast path ran (both deliveries marked by one statement, none retried)
      const marks = await sandbox.db.query<{ batches: string; failed: string }>(
        `SELECT count(DISTINCT "processedAt") AS batches, count(*) FILTER (WHERE attempts > 1 OR "lastError" IS NOT NULL) AS failed
         FROM "WebhookDelivery" WHERE "shopDomain" = $1 AND topic = 'orders/updated' AND payload->>'id' = $2`,
        [SHOP, String(order.id)],
      );
      expect(marks.rows[0]).toEqual({ batches: "1", failed: "0" });
      // and, as one by one, the expired 100 are written off: the balance is unchanged, nothing is owed
      const state = await stateOf(member.memberId, order.name);
      expect(state).toMatchObject({ balance: 50, sum: 50, lots: 50, shortfall: 0 });
      expect(state.entries.map((e) => [e.points, e.shortfall, e.expiredWriteOff])).toEqual([
        [100, 0, 0],
        [0, 0, 100],
      ]);
    },
  );
});
