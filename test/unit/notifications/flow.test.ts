// The pure rules of notifications: what a program event sends to Flow, which metafields and tags it changes.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { PROGRAM_EVENT_TYPES } from "~/notifications/events";
import {
  FLOW_PAYLOAD_LIMIT_BYTES,
  TRIGGERS,
  flowTriggerCall,
  metafieldBatches,
  metafieldsForEvent,
  payloadBytes,
  reachesReward,
  retryDelaySeconds,
  tierTagChanges,
  triggerTypeForHandle,
  type EventPayload,
  type MetafieldValue,
} from "~/notifications/flow";

const anyText = fc.string({ maxLength: 5000, unit: "grapheme" });
const anyPayload: fc.Arbitrary<EventPayload> = fc.record(
  {
    points: fc.integer(),
    balance: fc.integer(),
    orderName: anyText,
    rewardName: anyText,
    pointsCost: fc.integer(),
    from: fc.option(fc.record({ handle: fc.stringMatching(/^[a-z]{1,10}$/), name: anyText, rank: fc.nat(6) })),
    to: fc.option(fc.record({ handle: fc.stringMatching(/^[a-z]{1,10}$/), name: anyText, rank: fc.nat(6) })),
    direction: fc.constantFrom("up" as const, "down" as const),
    expiresAt: fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
    daysLeft: fc.nat(400),
    change: anyText,
    effectiveAt: fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
    birthday: fc.constant("1990-05-17"),
  },
  { requiredKeys: [] },
);

describe("Flow trigger payloads", () => {
  it("GIVEN any event about a customer WHEN it becomes a trigger call THEN every declared field is sent, with the customer, within Flow's size limit", () => {
    fc.assert(
      fc.property(fc.constantFrom(...PROGRAM_EVENT_TYPES), fc.bigInt({ min: 1n, max: 2n ** 53n - 1n }), anyPayload, (type, id, payload) => {
        const call = flowTriggerCall(type, String(id), payload)!;
        expect(call.handle).toBe(TRIGGERS[type].handle);
        expect(Object.keys(call.payload).sort()).toEqual(["customer_id", ...TRIGGERS[type].fields.map((f) => f.key)].sort());
        expect(call.payload.customer_id).toBe(Number(id));
        expect(payloadBytes(call)).toBeLessThanOrEqual(FLOW_PAYLOAD_LIMIT_BYTES);
        for (const field of TRIGGERS[type].fields) expect(typeof call.payload[field.key]).toBe(field.type === "number_integer" ? "number" : "string");
      }),
    );
  });

  it("GIVEN an event without a customer WHEN it becomes a trigger call THEN there is none (every Loyalist trigger is about a customer)", () => {
    expect(flowTriggerCall("program_changed", null, { change: "rates" })).toBeNull();
  });

  it("GIVEN a tier change WHEN sent THEN Flow gets the tier names, rank and direction", () => {
    const call = flowTriggerCall("tier_changed", "7000000000001", {
      from: { handle: "silver", name: "Silver", rank: 1 },
      to: { handle: "gold", name: "Gold", rank: 2 },
      direction: "up",
    });
    expect(call).toEqual({
      handle: "loyalist-tier-changed",
      payload: { customer_id: 7000000000001, "Previous tier": "Silver", "New tier": "Gold", "Tier rank": 2, Direction: "up" },
    });
  });

  it("GIVEN each trigger WHEN its handle is looked up THEN it is found, and handles fit Shopify's 30 characters", () => {
    for (const type of PROGRAM_EVENT_TYPES) {
      expect(triggerTypeForHandle(TRIGGERS[type].handle)).toBe(type);
      expect(TRIGGERS[type].handle.length).toBeLessThanOrEqual(30);
    }
    expect(triggerTypeForHandle("someone-elses-trigger")).toBeUndefined();
  });
});

describe("customer metafields", () => {
  it("GIVEN any values WHEN batched THEN no batch holds more than 25, one value per customer and key survives, the latest", () => {
    const value = fc.record({
      customerId: fc.constantFrom("1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12"),
      key: fc.constantFrom("points_balance" as const, "tier" as const, "tier_rank" as const),
      type: fc.constant("number_integer"),
      value: fc.nat().map(String),
    });
    fc.assert(
      fc.property(fc.array(value, { maxLength: 200 }), (values: MetafieldValue[]) => {
        const batches = metafieldBatches(values);
        const flat = batches.flat();
        for (const batch of batches) expect(batch.length).toBeLessThanOrEqual(25);
        const ids = flat.map((v) => `${v.customerId}:${v.key}`);
        expect(new Set(ids).size).toBe(ids.length);
        for (const v of flat) expect(values.findLast((x) => x.customerId === v.customerId && x.key === v.key)).toEqual(v);
        expect(new Set(ids)).toEqual(new Set(values.map((v) => `${v.customerId}:${v.key}`)));
      }),
    );
  });

  it("GIVEN a tier change WHEN its metafields are computed THEN the balance now, the tier's name and its rank are written", () => {
    expect(metafieldsForEvent("9", "tier_changed", { to: { handle: "gold", name: "Gold", rank: 3 } }, 420)).toEqual([
      { customerId: "9", key: "points_balance", type: "number_integer", value: "420" },
      { customerId: "9", key: "tier_rank", type: "number_integer", value: "3" },
      { customerId: "9", key: "tier", type: "single_line_text_field", value: "Gold" },
    ]);
  });

  it("GIVEN points expiring WHEN their metafields are computed THEN the points and the date are written", () => {
    expect(metafieldsForEvent("9", "points_expiring", { points: 40, expiresAt: "2027-03-01T00:00:00.000Z" }, null)).toEqual([
      { customerId: "9", key: "points_expiring", type: "number_integer", value: "40" },
      { customerId: "9", key: "expiry_date", type: "date", value: "2027-03-01" },
    ]);
  });

  it("GIVEN a referral link on an event WHEN computed THEN referral_url is written, and only https links", () => {
    expect(metafieldsForEvent("9", "referral_completed", { referralUrl: "https://shop.example/r/ABC" }, 5).map((m) => m.key)).toEqual([
      "points_balance",
      "referral_url",
    ]);
    expect(metafieldsForEvent("9", "referral_completed", { referralUrl: "javascript:alert(1)" }, 5).map((m) => m.key)).toEqual(["points_balance"]);
  });
});

describe("tier tags", () => {
  it("GIVEN a move from Silver to Gold WHEN tags are computed THEN the Silver tag goes and the Gold tag comes", () => {
    expect(tierTagChanges({ from: { handle: "silver", name: "Silver", rank: 1 }, to: { handle: "gold", name: "Gold", rank: 2 } })).toEqual({
      add: ["loyalist-tier-gold"],
      remove: ["loyalist-tier-silver"],
    });
  });

  it("GIVEN a first tier, or leaving every tier WHEN computed THEN only what applies is added or removed", () => {
    expect(tierTagChanges({ from: null, to: { handle: "bronze", name: "Bronze", rank: 1 } })).toEqual({ add: ["loyalist-tier-bronze"], remove: [] });
    expect(tierTagChanges({ from: { handle: "bronze", name: "Bronze", rank: 1 }, to: null })).toEqual({ add: [], remove: ["loyalist-tier-bronze"] });
  });
});

describe("reaching a reward and retry pacing", () => {
  it("GIVEN any balance move WHEN checked THEN it reaches the reward exactly when it crosses the cost upwards", () => {
    fc.assert(
      fc.property(fc.nat(10_000), fc.integer({ min: -5000, max: 5000 }), fc.option(fc.integer({ min: 1, max: 10_000 })), (before, delta, cost) => {
        const after = Math.max(0, before + delta);
        expect(reachesReward(before, after, cost)).toBe(cost !== null && before < cost && after >= cost);
      }),
    );
  });

  it("GIVEN failed attempts WHEN the next delay is computed THEN it doubles from 30 s and never passes an hour", () => {
    expect([1, 2, 3].map(retryDelaySeconds)).toEqual([30, 60, 120]);
    fc.assert(fc.property(fc.integer({ min: 1, max: 1000 }), (n) => retryDelaySeconds(n) <= 3600 && retryDelaySeconds(n + 1) >= retryDelaySeconds(n)));
  });
});
