// Insight's health, trends and members analyses find what the generator planted (a holiday dip in capture rate,
// members who spend more once they join, known counts and points) and flag nothing on a null dataset.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateInsightTruths, type InsightTruths } from "../../support/generator/insight-truths";
import { anInsightShop, startInsightDb, type InsightDb } from "../../support/insight-db";

const PLANTED = "insight-planted.myshopify.com";
const NULL = "insight-null.myshopify.com";
const OPTIONS = { weeks: 36, customers: 400, guestsPerWeek: 40, dipWeek: 27 };
let db: InsightDb;
let planted: InsightTruths;
let nullData: InsightTruths;
let run: typeof import("~/insight/insight.server").runAnalysis;

async function load(shop: string, data: InsightTruths) {
  const { recordInsightCustomer, recordInsightOrders } = await import("~/insight/ingest.server");
  const { refreshInsightRollups } = await import("~/insight/rollups.server");
  await anInsightShop(shop);
  for (const c of data.customers) await recordInsightCustomer(shop, c.customerId, c.memberSince);
  for (let i = 0; i < data.orders.length; i += 500) await recordInsightOrders(shop, data.orders.slice(i, i + 500));
  await refreshInsightRollups({ shopDomain: shop });
}

beforeAll(async () => {
  db = await startInsightDb();
  planted = generateInsightTruths({ ...OPTIONS, seed: 7 });
  nullData = generateInsightTruths({ ...OPTIONS, seed: 8, planted: false });
  await load(PLANTED, planted);
  await load(NULL, nullData);
  run = (await import("~/insight/insight.server")).runAnalysis;
}, 240_000);
afterAll(async () => db?.stop());

const whole = (data: InsightTruths) => new URLSearchParams({ from: data.weekStarts[0], to: addDays(data.weekStarts.at(-1)!, 6) });
const addDays = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

async function analysis<T>(shop: string, name: string, query: URLSearchParams): Promise<T> {
  const answer = await run(shop, name, query);
  if (!answer.ok) throw new Error(`${name}: ${JSON.stringify(answer)}`);
  return answer.result as T;
}

type Trends = {
  weeks: {
    weekStart: string;
    orders: number;
    memberOrders: number;
    captureRate: number;
    revenueMinor: number;
    enrolments: number;
    aovMemberMinor: number;
    aovNonMemberMinor: number;
  }[];
  anomalies: { weekStart: string; metric: string; direction: string; score: number }[];
  locations: { locationId: string; captureRate: number; weeks: unknown[] }[];
};

describe("trends", () => {
  it("GIVEN a holiday week in which staff stopped asking for the loyalty id WHEN trends run over the year THEN the capture-rate dip is flagged in that week and no other", async () => {
    const trends = await analysis<Trends>(PLANTED, "trends", whole(planted));
    expect(trends.weeks.map((w) => w.weekStart)).toEqual(planted.weekStarts);
    const dips = trends.anomalies.filter((a) => a.metric === "captureRate");
    expect(dips.map((a) => [a.weekStart, a.direction])).toEqual([[planted.dipWeekStart, "dip"]]);
    expect(dips[0].score).toBeLessThan(-4);
    const dipWeek = trends.weeks.find((w) => w.weekStart === planted.dipWeekStart)!;
    const before = trends.weeks[trends.weeks.indexOf(dipWeek) - 1];
    expect(dipWeek.captureRate).toBeLessThan(before.captureRate * 0.7);
    // Weekly figures add up to the orders generated in them.
    const inWeek = planted.orders.filter(
      (o) => o.occurredAt.toISOString().slice(0, 10) >= dipWeek.weekStart && o.occurredAt.toISOString().slice(0, 10) <= addDays(dipWeek.weekStart, 6),
    );
    expect(dipWeek.orders).toBe(inWeek.length);
    expect(dipWeek.revenueMinor).toBe(inWeek.reduce((s, o) => s + o.lines[0].grossMinor, 0));
    expect(trends.locations.map((l) => l.locationId).sort()).toEqual(["store-1", "store-2"]);
  });

  it("GIVEN a null dataset WHEN trends run over the year THEN nothing is flagged", async () => {
    const trends = await analysis<Trends>(NULL, "trends", whole(nullData));
    expect(trends.weeks).toHaveLength(36);
    expect(trends.anomalies).toEqual([]);
  });

  it("GIVEN a window that ends mid-week THEN that last week is shown but not judged, and weeks start on Mondays", async () => {
    const trends = await analysis<Trends>(PLANTED, "trends", new URLSearchParams({ from: planted.weekStarts[0], to: addDays(planted.weekStarts[20], 2) }));
    expect(trends.weeks).toHaveLength(21);
    for (const w of trends.weeks) expect(new Date(`${w.weekStart}T00:00:00Z`).getUTCDay()).toBe(1);
    expect(trends.anomalies.filter((a) => a.weekStart === planted.weekStarts[20])).toEqual([]);
  });
});

type Members = {
  members: { customers: number; orders: number; revenueMinor: number; aovMinor: number; ordersPerCustomer: number };
  nonMembers: { customers: number; orders: number; revenueMinor: number; aovMinor: number; ordersPerCustomer: number };
  incrementalRevenueMinor: number;
  interval: [number, number];
  roi: number | null;
};

describe("members", () => {
  it("GIVEN members who buy 1.5× as often and 10% more per order once they join WHEN members vs non-members run THEN the incremental revenue is positive with an interval above zero", async () => {
    const result = await analysis<Members>(PLANTED, "members", whole(planted));
    expect(result.members.aovMinor).toBeGreaterThan(result.nonMembers.aovMinor);
    expect(result.incrementalRevenueMinor).toBeGreaterThan(0);
    expect(result.interval[0]).toBeGreaterThan(0);
    expect(result.interval[0]).toBeLessThanOrEqual(result.incrementalRevenueMinor);
    expect(result.interval[1]).toBeGreaterThanOrEqual(result.incrementalRevenueMinor);
    // Orders add up: every counted order is a member's or not.
    expect(result.members.orders + result.nonMembers.orders).toBe(planted.orders.length);
    expect(result.members.revenueMinor + result.nonMembers.revenueMinor).toBe(planted.orders.reduce((s, o) => s + o.lines[0].grossMinor, 0));
  });

  it("GIVEN a null dataset WHEN members vs non-members run THEN the interval of the incremental revenue contains zero", async () => {
    const result = await analysis<Members>(NULL, "members", whole(nullData));
    expect(result.interval[0]).toBeLessThanOrEqual(0);
    expect(result.interval[1]).toBeGreaterThanOrEqual(0);
    expect(result.roi).toBeNull();
  });

  it("GIVEN an unknown parameter or a bad margin THEN the analysis refuses with invalid_request", async () => {
    expect(await run(PLANTED, "members", new URLSearchParams({ grossMargin: "2" }))).toMatchObject({
      ok: false,
      code: "invalid_request",
      field: "grossMargin",
    });
    expect(await run(PLANTED, "members", new URLSearchParams({ colour: "red" }))).toMatchObject({ ok: false, code: "invalid_request" });
    expect(await run(PLANTED, "trends", new URLSearchParams({ from: "2026-02-30" }))).toMatchObject({ ok: false, code: "invalid_request", field: "from" });
    expect(await run(PLANTED, "nope", new URLSearchParams())).toMatchObject({ ok: false, code: "not_found" });
  });
});

describe("health", () => {
  it("GIVEN known customers, orders and points WHEN health runs for a past window THEN it counts members, enrolments and active members as of its end, and the points", async () => {
    const window = { from: planted.weekStarts[10], to: addDays(planted.weekStarts[19], 6) };
    const end = Date.parse(`${window.to}T00:00:00Z`) + 86_400_000;
    const start = Date.parse(`${window.from}T00:00:00Z`);
    const since = new Map(planted.customers.map((c) => [c.customerId, c.memberSince.getTime()]));
    const active = new Set(
      planted.orders
        .filter((o) => o.customerId && o.occurredAt.getTime() >= start && o.occurredAt.getTime() < end && since.get(o.customerId)! <= o.occurredAt.getTime())
        .map((o) => o.customerId),
    );
    // Points: one member earns 500 and redeems 200 inside the window, 100 expire, and 50 were earned after it.
    const { default: prisma } = await import("~/db.server");
    const { postLedgerEntry } = await import("~/ledger/ledger.server");
    const member = await prisma.member.create({ data: { shopDomain: PLANTED, customerId: "c-1" } });
    const at = (ms: number) => new Date(ms);
    await prisma.$transaction(async (tx) => {
      const base = { shopDomain: PLANTED, memberId: member.id, reason: "test", source: "system" as const };
      await postLedgerEntry(tx, { ...base, kind: "earn", points: 500, idempotencyKey: "h1", occurredAt: at(start + 86_400_000) });
      await postLedgerEntry(tx, { ...base, kind: "redeem", points: -200, idempotencyKey: "h2", occurredAt: at(start + 2 * 86_400_000) });
      await postLedgerEntry(tx, { ...base, kind: "expiry", points: -100, idempotencyKey: "h3", occurredAt: at(start + 3 * 86_400_000) });
      await postLedgerEntry(tx, { ...base, kind: "earn", points: 50, idempotencyKey: "h4", occurredAt: at(end + 86_400_000) });
    });
    const health = await analysis<Record<string, number | null>>(PLANTED, "health", new URLSearchParams(window));
    expect(health).toMatchObject({
      members: planted.customers.filter((c) => c.memberSince.getTime() < end).length,
      enrolments: planted.customers.filter((c) => c.memberSince.getTime() >= start && c.memberSince.getTime() < end).length,
      activeMembers: active.size,
      pointsIssued: 500,
      pointsRedeemed: 200,
      pointsExpired: 100,
      redemptionRate: 0.4,
      breakageRate: 0.2,
      outstandingPoints: 200,
    });
    expect(Object.keys(health)).toEqual(expect.arrayContaining(["liabilityMinor"]));
  });

  it("GIVEN a null window with no activity THEN health answers zeros, not errors", async () => {
    const health = await analysis<Record<string, number>>(NULL, "health", new URLSearchParams({ from: "2020-01-01", to: "2020-01-31" }));
    expect(health).toMatchObject({ members: 0, activeMembers: 0, pointsIssued: 0, pointsRedeemed: 0, pointsExpired: 0, redemptionRate: 0, breakageRate: 0 });
  });
});
