// Expiry "Must show", with the controllable clock: per-lot and inactivity expiry write off exactly the right
// points (one `expiry` entry per lot, never before the notice period of a newly enabled rule), reminders fire
// once per offset, a spend never takes expired points, and /proxy/member lists what will expire when.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import prisma from "~/db.server";
import { addMonths } from "~/expiry/expiry";
import { adjustmentFormSchema } from "~/ledger/adjustments";
import { adjustBalance } from "~/ledger/adjustments.server";
import { advanceClock, now } from "~/platform/clock.server";
import { adminGet } from "../support/admin";
import { aMember, anExpiryPolicy } from "../support/factories";
import { startSandbox, type Sandbox } from "../support/sandbox";
import { scheduledWork, type ScheduledWork } from "../support/scheduled-work";

const PER_LOT = "expiry-lots.myshopify.com";
const INACTIVE = "expiry-inactive.myshopify.com";
const DAY = 86_400_000;
const HOUR = 3_600_000;

let sandbox: Sandbox;
let work: ScheduledWork;

/** An order of `points` units by the customer at `at` (its own time: processed_at). */
async function anOrderAt(shop: string, customer: { id: number | string }, points: number, at: Date) {
  const product = sandbox.emulator.store.addProduct(shop, { title: `Thing ${crypto.randomUUID()}`, variants: [{ price: `${points}.00` }] });
  await sandbox.emulator.orders.place(shop, {
    customer: { id: customer.id },
    lines: [{ productId: product.id, variantId: product.variants[0].id, quantity: 1, price: `${points}.00` }],
    createdAt: at,
    processedAt: at,
  });
  await sandbox.settle();
}

/** Runs the registry's expiry job as the scheduler would at the moved clock's time. */
async function runExpiryJob() {
  const job = work.schedules.find((s) => s.name === "expire-points");
  if (!job) throw new Error("expire-points is not in the schedule registry");
  await job.run({ dueAt: await now() });
}

/** Moves the (test process's) controllable clock to `at`. */
async function clockTo(at: Date) {
  const ms = at.getTime() - (await now()).getTime();
  if (ms > 0) await advanceClock(ms);
}

async function ledgerOf(memberId: string) {
  const { rows } = await sandbox.db.query<{ balance: number; sum: string; lots: string }>(
    `SELECT m.balance, (SELECT COALESCE(SUM(points), 0) FROM "LedgerEntry" WHERE "memberId" = m.id) AS sum,
            (SELECT COALESCE(SUM(remaining), 0) FROM "PointLot" WHERE "memberId" = m.id) AS lots
     FROM "Member" m WHERE m.id = $1`,
    [memberId],
  );
  const expiries = await sandbox.db.query<{ points: number; sourceId: string; occurredAt: Date }>(
    `SELECT points, "sourceId", "occurredAt" AT TIME ZONE 'UTC' AS "occurredAt" FROM "LedgerEntry" WHERE "memberId" = $1 AND kind = 'expiry' ORDER BY "occurredAt"`,
    [memberId],
  );
  return { balance: rows[0].balance, sum: Number(rows[0].sum), lots: Number(rows[0].lots), expiries: expiries.rows };
}

async function reminders(shop: string, customerId: string) {
  const { rows } = await sandbox.db.query<{ payload: { points: number; expiresAt: string; daysBefore: number } }>(
    `SELECT payload FROM "ProgramEvent" WHERE "shopDomain" = $1 AND "customerId" = $2 AND type = 'points_expiring' ORDER BY "createdAt"`,
    [shop, customerId],
  );
  return rows.map((r) => r.payload);
}

beforeAll(async () => {
  sandbox = await startSandbox({ env: { PROXY_RATE_LIMIT_BURST: "1000" } });
  for (const shop of [PER_LOT, INACTIVE]) {
    await sandbox.install(shop);
    expect((await sandbox.saveProgram(shop, { enabled: "on", pointsPerUnit: "1", awardOn: "paid", pendingDays: "0" })).status).toBe(200);
  }
  // The app keeps the real clock; this process moves the controllable one and runs the job itself.
  work = scheduledWork(sandbox.app.databaseUrl);
}, 120_000);

afterAll(async () => {
  await work?.close();
  await sandbox?.stop();
});

describe("expiry of each lot N months after it was earned", () => {
  it(
    "GIVEN expiry turned on with old and new lots WHEN the clock passes each date THEN exactly those lots expire, reminders fire once per offset, spends skip expired points",
    { timeout: 180_000 },
    async () => {
      // GIVEN a member whose 1-point first order and a 50-point order from ten months ago predate expiry
      const member = await aMember(sandbox, PER_LOT);
      const t0 = await now();
      await anOrderAt(PER_LOT, member.customer, 50, new Date(t0.getTime() - 300 * DAY));
      // WHEN the merchant turns on "6 months after earning" with reminders 30 and 7 days before
      await anExpiryPolicy(sandbox, PER_LOT, { policy: "per_lot", months: 6, reminderDays: "30, 7" });
      const { rows: shopRows } = await sandbox.db.query<{ program: { expiry: { notice: { effectiveAt: string } } } }>(
        `SELECT program FROM "Shop" WHERE domain = $1`,
        [PER_LOT],
      );
      const effectiveAt = new Date(shopRows[0].program.expiry.notice.effectiveAt);
      // THEN nothing expires before one full period: the notice's date is six months on, and members are told
      expect(effectiveAt.getTime()).toBeGreaterThanOrEqual(addMonths(t0, 6).getTime());
      expect(effectiveAt.getTime()).toBeLessThan(addMonths(t0, 6).getTime() + 60_000);
      const changed = await sandbox.db.query<{ payload: { effectiveAt: string; changes: string[] } }>(
        `SELECT payload FROM "ProgramEvent" WHERE "shopDomain" = $1 AND type = 'program_changed'`,
        [PER_LOT],
      );
      expect(changed.rows.map((r) => r.payload)).toEqual([expect.objectContaining({ effectiveAt: effectiveAt.toISOString(), changes: ["expiry_on"] })]);

      // A 70-point order three months on expires on its own date, six months after it
      const laterAt = new Date(t0.getTime() + 90 * DAY);
      await anOrderAt(PER_LOT, member.customer, 70, laterAt);
      const laterExpiry = addMonths(laterAt, 6);
      const listed = await (await sandbox.proxy(PER_LOT, "member", member.customerId)).json();
      expect(listed.expiring).toEqual([
        { points: 51, at: effectiveAt.toISOString() },
        { points: 70, at: laterExpiry.toISOString() },
      ]);
      // and the admin's member page shows staff the same dates
      const page = await adminGet(sandbox, { shop: PER_LOT, path: `/app/members/${member.memberId}`, routeId: "app.members.$id" });
      expect((await page.json()).expiring).toEqual(listed.expiring);

      // WHEN the clock reaches 30 days before the first date (twice) THEN one 30-day reminder
      await clockTo(new Date(effectiveAt.getTime() - 30 * DAY + HOUR));
      await runExpiryJob();
      await runExpiryJob();
      expect(await reminders(PER_LOT, member.customerId)).toEqual([{ points: 51, expiresAt: effectiveAt.toISOString(), daysBefore: 30 }]);
      expect((await ledgerOf(member.memberId)).expiries).toEqual([]);

      // WHEN 7 days before THEN the 7-day reminder, once
      await clockTo(new Date(effectiveAt.getTime() - 7 * DAY + HOUR));
      await runExpiryJob();
      await runExpiryJob();
      expect((await reminders(PER_LOT, member.customerId)).map((r) => r.daysBefore)).toEqual([30, 7]);

      // WHEN the date has passed but before the job runs, staff remove 100 points THEN the expired 51 are not spendable
      await clockTo(new Date(effectiveAt.getTime() + HOUR));
      const refused = await adjustBalance(
        PER_LOT,
        member.memberId,
        "test",
        adjustmentFormSchema.parse({ direction: "remove", points: 100, reason: "correction", submissionId: "expiry-test-1", confirmed: "yes" }),
      );
      expect(refused.ok).toBe(false);
      let state = await ledgerOf(member.memberId);
      expect(state.expiries.map((e) => e.points).sort((a, b) => a - b)).toEqual([-50, -1]);
      expect(state).toMatchObject({ balance: 70, sum: 70, lots: 70 });

      // WHEN the job runs THEN nothing more expires (each lot once), and the 70 expire on their own date
      await runExpiryJob();
      expect((await ledgerOf(member.memberId)).expiries).toHaveLength(2);
      await clockTo(new Date(laterExpiry.getTime() - HOUR));
      await runExpiryJob();
      expect((await ledgerOf(member.memberId)).balance).toBe(70);
      await clockTo(new Date(laterExpiry.getTime() + HOUR));
      await runExpiryJob();
      state = await ledgerOf(member.memberId);
      expect(state).toMatchObject({ balance: 0, sum: 0, lots: 0 });
      expect(state.expiries.at(-1)).toMatchObject({ points: -70 });
      expect(new Date(state.expiries.at(-1)!.occurredAt).toISOString()).toBe(laterExpiry.toISOString());
    },
  );
});

describe("expiry after N months without earning or redeeming", () => {
  it(
    "GIVEN an inactive and an active member WHEN the clock passes the dates THEN the inactive one's points expire and activity postpones the other's",
    { timeout: 180_000 },
    async () => {
      // GIVEN two members who last earned 20 months ago
      const start = await now();
      const idle = await aMember(sandbox, INACTIVE);
      const active = await aMember(sandbox, INACTIVE);
      for (const m of [idle, active]) await anOrderAt(INACTIVE, m.customer, 100, new Date(start.getTime() - 600 * DAY));
      // The members' first orders (1 point each) were just now: inactivity counts from them.
      await anExpiryPolicy(sandbox, INACTIVE, { policy: "inactivity", months: 12, reminderDays: "14" });
      const effective = addMonths(await now(), 12);

      // WHEN the active member earns again eight months on
      const earnedAt = new Date(start.getTime() + 240 * DAY);
      await clockTo(earnedAt);
      await anOrderAt(INACTIVE, active.customer, 30, earnedAt);
      const activeExpiry = addMonths(earnedAt, 12);
      const listed = await (await sandbox.proxy(INACTIVE, "member", active.customerId)).json();
      expect(listed.expiring).toEqual([{ points: 131, at: activeExpiry.toISOString() }]);

      // THEN one full period after enabling, the idle member's 101 points expire, the active member's do not
      await clockTo(new Date(effective.getTime() + 2 * 60_000));
      await runExpiryJob();
      expect(await ledgerOf(idle.memberId)).toMatchObject({ balance: 0, sum: 0, lots: 0 });
      expect((await ledgerOf(idle.memberId)).expiries.reduce((a, e) => a + e.points, 0)).toBe(-101);
      expect(await ledgerOf(active.memberId)).toMatchObject({ balance: 131, sum: 131, lots: 131 });
      expect((await reminders(INACTIVE, active.customerId)).length).toBe(0);

      // WHEN 14 days before the active member's date THEN one reminder; after it, all 131 points expire
      await clockTo(new Date(activeExpiry.getTime() - 14 * DAY + HOUR));
      await runExpiryJob();
      expect(await reminders(INACTIVE, active.customerId)).toEqual([{ points: 131, expiresAt: activeExpiry.toISOString(), daysBefore: 14 }]);
      await clockTo(new Date(activeExpiry.getTime() + HOUR));
      await runExpiryJob();
      expect(await ledgerOf(active.memberId)).toMatchObject({ balance: 0, sum: 0, lots: 0 });
      expect(await prisma.ledgerEntry.count({ where: { memberId: active.memberId, kind: "expiry" } })).toBe(3);
    },
  );
});
