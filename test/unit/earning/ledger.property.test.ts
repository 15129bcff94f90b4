// Property tests of the ledger's promises on the earning planner (app/earning/planner.ts), with its tables in
// memory (./planner-tables.ts): webhooks delivered in any order, twice, late, with points spent in between.
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { orderEarning, type OrderFacts, type RefundFacts } from "~/earning/orders";
import type { OrderRule, ProgramSettings } from "~/program/program";
import { orderTime, refundTime } from "~/earning/planner";
import { aCatalog, aLine, anOrder, aRule } from "./factories";
import { EarningTables, memberIdFor } from "./planner-tables";

const CUSTOMERS = ["c1", "c2", "c3"];
const PRODUCTS = ["p1", "p2", "p3", "p4"];
const CATALOG = aCatalog({ p1: { tags: ["Sale"] }, p2: { collectionIds: ["gifts"] }, p3: {}, p4: { tags: ["new"] } });
const T0 = Date.parse("2025-01-01T00:00:00Z");
const SECOND = 1000;
const DAY = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString().replace(/\.000Z$/, "Z");
const RUNS = { numRuns: 250 };
// Hundreds of generated histories each: seconds on a loaded machine, more than vitest's default 5 s.
const TIMEOUT_MS = 120_000;

type Delivery = { topic: "order"; at: number; facts: OrderFacts; refunds: RefundFacts[] } | { topic: "refund"; at: number; refund: RefundFacts };

/** One order's life as Shopify tells it: a snapshot per change, a refunds/create per refund. */
type OrderStory = { deliveries: Delivery[]; final: OrderFacts; refunds: RefundFacts[] };

const ruleArb = (pendingDays: fc.Arbitrary<number>): fc.Arbitrary<OrderRule> =>
  fc
    .record({
      pointsPerUnit: fc.oneof({ arbitrary: fc.integer({ min: 1, max: 10 }), weight: 9 }, { arbitrary: fc.constant(0), weight: 1 }),
      minimumOrderMinor: fc.constantFrom(0, 0, 0, 1000, 5000),
      awardOn: fc.constantFrom("paid" as const, "fulfilled" as const),
      pendingDays,
      excludedProductIds: fc.subarray(PRODUCTS, { maxLength: 1 }),
      excludedProductTags: fc.subarray(["sale"]),
      excludedCollectionIds: fc.subarray(["gifts"]),
      excludedSalesChannels: fc.constantFrom<string[]>([], [], ["pos"]),
      includeTestOrders: fc.boolean(),
      bonusPercents: fc.subarray([150, 200]),
    })
    .map((rule) => aRule(rule));

const lifecycleArb = (customers: string[]) =>
  fc.record({
    customer: fc.constantFrom(customers[0], ...customers),
    guestFirst: fc.boolean(),
    reassign: fc.option(fc.record({ to: fc.constantFrom(...customers), fromStep: fc.integer({ min: 1, max: 6 }) }), { freq: 5 }),
    currency: fc.constantFrom("USD", "USD", "JPY", "KWD"),
    test: fc.constantFrom(false, false, false, false, false, true),
    sourceName: fc.constantFrom("web", "web", "pos"),
    lines: fc.array(
      fc.record({
        productId: fc.constantFrom(null, ...PRODUCTS),
        quantity: fc.integer({ min: 1, max: 3 }),
        netMinor: fc.nat({ max: 30_000 }),
        giftCard: fc.constantFrom(false, false, false, true),
      }),
      { minLength: 1, maxLength: 4 },
    ),
    paid: fc.constantFrom(true, true, true, true, true, false),
    fulfil: fc.constantFrom(true, true, false),
    fulfilAmongRefunds: fc.nat({ max: 3 }),
    // Each refund: some lines, each giving back a percentage of the line (over 100% to check the clamp).
    refunds: fc.array(fc.array(fc.record({ line: fc.nat({ max: 3 }), percent: fc.integer({ min: 1, max: 130 }) }), { minLength: 1, maxLength: 3 }), {
      maxLength: 3,
    }),
    cancel: fc.constantFrom(false, false, false, false, true),
    startSeconds: fc.nat({ max: 10 * 86_400 }),
    // A backfilled or imported order was processed long before Shopify (and Loyalist) saw it.
    processedDaysEarlier: fc.option(fc.integer({ min: 1, max: 90 }), { freq: 3 }),
    gapSeconds: fc.array(fc.oneof(fc.integer({ min: 1, max: 120 }), fc.integer({ min: 1, max: 5 * 86_400 })), { minLength: 8, maxLength: 8 }),
  });
type Lifecycle = ReturnType<typeof lifecycleArb> extends fc.Arbitrary<infer T> ? T : never;

/** Creates the deliveries of one order: pending → paid → (fulfilled and refunds, in any order) → cancelled. */
function tellStory(index: number, lc: Lifecycle): OrderStory {
  const orderId = `o${index}`;
  const lines = lc.lines.map((line, i) => aLine({ ...line, lineItemId: `${orderId}-l${i}`, variantId: null }));
  type Step = { kind: "create" | "paid" | "fulfil" | "cancel" } | { kind: "refund"; n: number };
  const steps: Step[] = [{ kind: "create" }];
  if (lc.paid) {
    steps.push({ kind: "paid" });
    const later: Step[] = lc.refunds.map((_, n) => ({ kind: "refund" as const, n }));
    if (lc.fulfil) later.splice(Math.min(lc.fulfilAmongRefunds, later.length), 0, { kind: "fulfil" });
    steps.push(...later);
  }
  if (lc.cancel) steps.push({ kind: "cancel" });

  let t = T0 + lc.startSeconds * SECOND;
  let state = anOrder({
    orderId,
    name: `#${1001 + index}`,
    currency: lc.currency,
    test: lc.test,
    sourceName: lc.sourceName,
    financialStatus: "pending",
    createdAt: iso(t),
    processedAt: iso(t - (lc.processedDaysEarlier ?? 0) * DAY),
    updatedAt: iso(t),
    lines,
  });
  const refunds: RefundFacts[] = [];
  const deliveries: Delivery[] = [];
  steps.forEach((step, i) => {
    if (i > 0) t += lc.gapSeconds[i % lc.gapSeconds.length] * SECOND;
    let customerId: string | null = i === 0 && lc.guestFirst ? null : lc.customer;
    if (lc.reassign && i >= lc.reassign.fromStep) customerId = lc.reassign.to;
    state = { ...state, customerId, updatedAt: iso(t) };
    if (step.kind === "paid") state.financialStatus = "paid";
    if (step.kind === "fulfil") state.fulfillmentStatus = "fulfilled";
    if (step.kind === "cancel") {
      state.cancelledAt = iso(t);
      state.financialStatus = lc.paid ? "refunded" : "voided";
    }
    if (step.kind === "refund") {
      const refund: RefundFacts = {
        refundId: `${orderId}-r${step.n}`,
        orderId,
        createdAt: iso(t),
        processedAt: iso(t),
        lines: lc.refunds[step.n].map(({ line, percent }) => {
          const refunded = lines[line % lines.length];
          return { lineItemId: refunded.lineItemId, quantity: 1, subtotalMinor: Math.floor((refunded.netMinor * percent) / 100) };
        }),
      };
      refunds.push(refund);
      state.financialStatus = "partially_refunded";
      deliveries.push({ topic: "refund", at: t, refund });
    }
    // orders/updated lists the refunds made so far.
    deliveries.push({ topic: "order", at: t, facts: structuredClone(state), refunds: structuredClone(refunds) });
  });
  return { deliveries, final: state, refunds };
}

type Scenario = {
  rule: OrderRule;
  policy: ProgramSettings["clawbackPolicy"];
  stories: OrderStory[];
  /** Every delivery, some twice, in the order the app receives them. */
  deliveries: Delivery[];
  /** Time between an event and its delivery (or the previous delivery), per delivery. */
  delaySeconds: number[];
  /** After each delivery: maybe a customer spends a percentage of their balance. */
  spends: ({ customer: string; percent: number } | null)[];
  /** After each delivery: maybe a delivery already received arrives again (index into those received). */
  replays: (number | null)[];
  /** After each delivery: whether the job releasing matured points runs. */
  sweeps: boolean[];
};

/** Orders of `customers` (all of them by one customer, to pile up earnings, refunds and spending on one balance). */
const scenarioArb = (pendingDays: fc.Arbitrary<number>, customers = CUSTOMERS): fc.Arbitrary<Scenario> =>
  fc
    .record({
      rule: ruleArb(pendingDays),
      policy: fc.constantFrom("floor_and_forgive" as const, "recover_from_future_earnings" as const),
      lifecycles: fc.array(lifecycleArb(customers), { minLength: 2, maxLength: 6 }),
    })
    .chain(({ rule, policy, lifecycles }) => {
      const stories = lifecycles.map((lc, i) => tellStory(i, lc));
      const events = stories.flatMap((story) => story.deliveries);
      return fc.subarray(events, { maxLength: Math.min(6, events.length) }).chain((duplicates) => {
        const all = [...events, ...duplicates];
        const perDelivery = <T>(arb: fc.Arbitrary<T>) => fc.array(arb, { minLength: all.length, maxLength: all.length });
        return fc.record({
          rule: fc.constant(rule),
          policy: fc.constant(policy),
          stories: fc.constant(stories),
          deliveries: fc.shuffledSubarray(all, { minLength: all.length }),
          delaySeconds: perDelivery(
            fc.oneof({ arbitrary: fc.integer({ min: 0, max: 60 }), weight: 3 }, { arbitrary: fc.integer({ min: 0, max: 5 * 86_400 }), weight: 1 }),
          ),
          spends: perDelivery(
            fc.option(fc.record({ customer: fc.constantFrom(...CUSTOMERS), percent: fc.oneof(fc.constant(100), fc.integer({ min: 1, max: 100 })) }), {
              freq: 2,
            }),
          ),
          replays: perDelivery(fc.option(fc.nat(), { freq: 3 })),
          sweeps: perDelivery(fc.boolean()),
        });
      });
    });

function deliver(sim: EarningTables, delivery: Delivery, now: Date) {
  if (delivery.topic === "order") sim.applyOrderSnapshot(delivery.facts, delivery.refunds, now);
  else sim.applyRefund(delivery.refund, now);
}

/** Points each customer should hold from the orders' final state alone: newest snapshot, all refunds. */
function targetsFromFinalState(scenario: Scenario): Map<string, number> {
  const targets = new Map(CUSTOMERS.map((c) => [c, 0]));
  for (const story of scenario.stories) {
    const customer = story.final.customerId;
    if (customer) targets.set(customer, targets.get(customer)! + orderEarning(story.final, story.refunds, scenario.rule, CATALOG).points);
  }
  return targets;
}

/** Each member's running totals equal the sums of their ledger entries, and never go below zero. */
function expectTotalsMatchLedger(sim: EarningTables) {
  for (const [memberId, member] of sim.members) {
    const entries = sim.ledger.filter((e) => e.memberId === memberId);
    const sum = (pick: (e: (typeof entries)[number]) => number) => entries.reduce((s, e) => s + pick(e), 0);
    expect(member.balance).toBe(sum((e) => e.points));
    expect(member.pending).toBe(sum((e) => e.pendingPoints));
    expect(member.shortfall).toBe(sum((e) => e.shortfall));
    expect(member.balance).toBeGreaterThanOrEqual(0);
    expect(member.pending).toBeGreaterThanOrEqual(0);
    expect(member.shortfall).toBeGreaterThanOrEqual(0);
  }
}

/** Runs a scenario; `afterEach` sees the tables and the clock after every delivery. */
function run(scenario: Scenario, options: { spend?: boolean; replay?: boolean; sweep?: boolean }, afterEach: (sim: EarningTables, now: Date) => void) {
  const sim = new EarningTables(scenario.rule, CATALOG, scenario.policy);
  const spent = new Map(CUSTOMERS.map((c) => [c, 0]));
  let clock = T0;
  scenario.deliveries.forEach((delivery, i) => {
    clock = Math.max(clock, delivery.at) + scenario.delaySeconds[i] * SECOND;
    const now = new Date(clock);
    deliver(sim, delivery, now);
    afterEach(sim, now);

    const replay = scenario.replays[i];
    if (options.replay && replay !== null) {
      const entriesBefore = sim.ledger.length;
      deliver(sim, scenario.deliveries[replay % (i + 1)], now);
      expect(sim.ledger.length, "a delivery received again changes nothing").toBe(entriesBefore);
    }
    const spend = scenario.spends[i];
    if (options.spend && spend) {
      const points = Math.floor((sim.member(spend.customer).balance * spend.percent) / 100);
      if (points > 0) {
        expect(sim.redeem(spend.customer, points)).toBe(true);
        spent.set(spend.customer, spent.get(spend.customer)! + points);
      }
      afterEach(sim, now);
    }
    if (options.sweep && scenario.sweeps[i]) {
      sim.releaseMaturedPoints(now);
      afterEach(sim, now);
    }
  });
  return { sim, spent, now: new Date(clock) };
}

describe("ledger properties (the planner, tables in memory)", () => {
  it(
    "GIVEN no points spent WHEN every event arrives in any order, some twice THEN balances equal what the final orders earned",
    () => {
      fc.assert(
        fc.property(scenarioArb(fc.constant(0)), (scenario) => {
          const { sim } = run(scenario, { replay: true }, (s) => expectTotalsMatchLedger(s));

          for (const [customer, target] of targetsFromFinalState(scenario)) {
            expect(sim.member(customer), customer).toEqual({ balance: target, pending: 0, shortfall: 0 });
          }
          expect(sim.ledger.every((e) => e.shortfall === 0)).toBe(true);
        }),
        RUNS,
      );
    },
    TIMEOUT_MS,
  );

  it(
    "GIVEN points spent in between THEN balances never go negative, duplicates change nothing, and balances end at targets − spent + shortfall",
    () => {
      fc.assert(
        fc.property(fc.oneof(scenarioArb(fc.constant(0)), scenarioArb(fc.constant(0), ["c1"])), (scenario) => {
          const { sim, spent } = run(scenario, { spend: true, replay: true }, (s) => expectTotalsMatchLedger(s));

          // Precisely, per customer: balance = Σ targets of the orders now theirs − points spent + outstanding shortfall,
          // where the shortfall is what clawbacks could not take (already spent), less what later earnings recovered;
          // it is never more than what was spent, and every order has credited exactly its target.
          const targets = targetsFromFinalState(scenario);
          for (const customer of CUSTOMERS) {
            const member = sim.member(customer);
            expect(member.balance, customer).toBe(targets.get(customer)! - spent.get(customer)! + member.shortfall);
            expect(member.shortfall).toBeLessThanOrEqual(spent.get(customer)!);
            expect(member.pending).toBe(0);
          }
          for (const story of scenario.stories) {
            const target = orderEarning(story.final, story.refunds, scenario.rule, CATALOG).points;
            const owner = story.final.customerId ? memberIdFor(story.final.customerId) : null;
            const credited = sim.creditedByMember(story.final.orderId);
            if (owner) expect(credited.get(owner) ?? { points: 0, pendingPoints: 0 }).toMatchObject({ points: target, pendingPoints: 0 });
            for (const [memberId, sum] of credited) if (memberId !== owner) expect(sum).toMatchObject({ points: 0, pendingPoints: 0 });
          }
        }),
        RUNS,
      );
    },
    TIMEOUT_MS,
  );

  it(
    "GIVEN a pending period THEN points wait in pending until it is over, then move to the balance with nothing lost",
    () => {
      fc.assert(
        fc.property(scenarioArb(fc.integer({ min: 1, max: 30 })), (scenario) => {
          const pendingDays = scenario.rule.pendingDays;
          const { sim, now } = run(scenario, { sweep: true }, (s, at) => {
            expectTotalsMatchLedger(s);
            // Every order's points are where its state puts them: pending until matured, available after.
            for (const order of s.orders.values()) {
              const target = orderEarning(order.snapshot, s.refundsOf(order.orderId), order.rule, CATALOG).points;
              for (const [memberId, credited] of s.creditedByMember(order.orderId)) {
                expect(credited.points + credited.pendingPoints).toBe(memberId === order.memberId ? target : 0);
                if (credited.points > 0) expect(order.eligibleAt!.getTime() + pendingDays * DAY).toBeLessThanOrEqual(at.getTime());
                expect(credited.points > 0 && credited.pendingPoints > 0).toBe(false);
              }
            }
          });

          const totalBefore = [...sim.members.values()].reduce((sum, m) => sum + m.balance + m.pending, 0);
          const entriesBefore = sim.ledger.length;
          sim.releaseMaturedPoints(new Date(now.getTime() + (pendingDays + 1) * DAY));

          for (const entry of sim.ledger.slice(entriesBefore)) {
            expect(entry).toMatchObject({ kind: "release", points: -entry.pendingPoints, shortfall: 0 });
          }
          expect([...sim.members.values()].reduce((sum, m) => sum + m.balance, 0)).toBe(totalBefore);
          for (const [customer, target] of targetsFromFinalState(scenario)) {
            expect(sim.member(customer), customer).toEqual({ balance: target, pending: 0, shortfall: 0 });
          }
        }),
        RUNS,
      );
    },
    TIMEOUT_MS,
  );

  it(
    "GIVEN any delivery order THEN the pending clock is the one of delivery in the order things happened, and every entry carries its own time",
    () => {
      fc.assert(
        fc.property(scenarioArb(fc.integer({ min: 0, max: 30 })), (scenario) => {
          const { sim } = run(scenario, { sweep: true }, () => {});
          const inOrder = new EarningTables(scenario.rule, CATALOG, scenario.policy);
          const chronological = scenario.stories.flatMap((story) => story.deliveries).sort((a, b) => a.at - b.at);
          for (const delivery of chronological) deliver(inOrder, delivery, new Date(delivery.at));

          for (const story of scenario.stories) {
            const orderId = story.final.orderId;
            expect(sim.orders.get(orderId)?.eligibleAt ?? null, orderId).toEqual(inOrder.orders.get(orderId)?.eligibleAt ?? null);
            const refundTimes = story.refunds.map((r) => refundTime(r).getTime());
            for (const entry of sim.ledger.filter((e) => e.orderId === orderId)) {
              if (entry.kind === "earn" || entry.kind === "pending_earn") expect(entry.occurredAt).toEqual(orderTime(story.final));
              if (entry.kind === "clawback" && refundTimes.length) expect(refundTimes).toContain(entry.occurredAt.getTime());
              if (entry.kind === "release") {
                const eligibleAt = sim.orders.get(orderId)!.eligibleAt!;
                expect(entry.occurredAt.getTime()).toBeGreaterThanOrEqual(eligibleAt.getTime() + scenario.rule.pendingDays * DAY);
              }
            }
          }
        }),
        RUNS,
      );
    },
    TIMEOUT_MS,
  );
});
