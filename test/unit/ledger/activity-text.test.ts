// The activity log's sentences: an event in the merchant's words, with no action keys, JSON or ids.
import { describe, expect, it } from "vitest";
import { actorName, currencyUnit, describeActivity, type ActivityEvent, type Phrase } from "~/ledger/activity-text";
import { t } from "~/platform/i18n";

const names = { currency: "USD", members: { m1: "Maria Garcia" }, rewards: { r1: "$5 off" }, causes: { c1: "Ocean cleanup" } };
const words = (p: Phrase): string => t(p.key, Object.fromEntries(Object.entries(p.values ?? {}).map(([k, v]) => [k, typeof v === "object" ? words(v) : v])));
const event = (e: Partial<ActivityEvent>): ActivityEvent => ({
  action: "",
  actor: "Dana Reyes (staff 7)",
  subjectType: null,
  subjectId: null,
  reason: null,
  ...e,
});
const read = (e: Partial<ActivityEvent>) => {
  const text = describeActivity(event(e), names);
  return { sentence: words(text.sentence), details: text.details.map(words), memberId: text.memberId };
};

describe("activity sentences", () => {
  it("says who changed the earning rate, from what to what, per unit of the shop's currency", () => {
    const read1 = read({ action: "program.update", before: { "earning.pointsPerUnit": 1 }, after: { "earning.pointsPerUnit": 2 } });
    expect(read1.sentence).toBe("Dana Reyes changed the earning rate from 1 to 2 points per $1");
    expect(currencyUnit("JPY")).toBe("¥1");
  });

  it("lists several changed settings as lines, choices and money in words", () => {
    const text = read({
      action: "program.update",
      before: { enabled: false, "earning.awardOn": "paid", "earning.minimumOrderMinor": 0, "expiry.notice": null },
      after: { enabled: true, "earning.awardOn": "fulfilled", "earning.minimumOrderMinor": 2500, "expiry.notice": { effectiveAt: "x" } },
    });
    expect(text.sentence).toBe("Dana Reyes changed 3 settings");
    expect(text.details).toEqual([
      "turned the program on",
      "changed when points are awarded from when an order is paid to when an order is fulfilled",
      "changed the minimum order that earns points from $0.00 to $25.00",
    ]);
  });

  it("names the member of an adjustment (linked by id), its reason, note and balance", () => {
    const text = read({
      action: "member.adjust",
      subjectType: "member",
      subjectId: "m1",
      reason: "goodwill",
      before: { balance: 60 },
      after: { balance: 100, points: 40, note: "Late parcel", entryId: "e1" },
    });
    expect(text).toEqual({
      sentence: "Dana Reyes added 40 points to Maria Garcia's balance",
      memberId: "m1",
      details: ["Reason: Goodwill gesture", "Note: Late parcel", "Balance went from 60 to 100 points"],
    });
    expect(read({ action: "member.adjust", subjectType: "member", subjectId: "gone", after: { points: -5 } }).sentence).toBe(
      "Dana Reyes took 5 points off a member's balance",
    );
  });

  it("never shows a raw action key, JSON or an id", () => {
    const events: Partial<ActivityEvent>[] = [
      {
        action: "reward.update",
        subjectType: "reward",
        subjectId: "r1",
        before: { name: "$5 off", pointsCost: 500 },
        after: { name: "$5 off", pointsCost: 400, config: { a: 1 } },
      },
      { action: "donation.paid", subjectType: "donation_cause", subjectId: "c1", after: { amountMinor: 1250 } },
      { action: "members.import", subjectType: "import", subjectId: "imp_1", after: { fileName: "smile.csv", rows: 3, posted: 3, points: 157 } },
      { action: "something.new", subjectId: "x1" },
    ];
    const texts = events.map(read);
    expect(texts.map((x) => x.sentence)).toEqual([
      "Dana Reyes changed the reward “$5 off”",
      "Dana Reyes recorded a donation of $12.50 to Ocean cleanup",
      "Dana Reyes imported balances for 3 members from smile.csv",
      "Dana Reyes made a change",
    ]);
    expect(texts[0].details).toEqual(["Cost changed from 500 to 400 points", "Its other terms changed"]);
    for (const x of texts) expect([x.sentence, ...x.details].join(" ")).not.toMatch(/[{}]|\w+\.\w+_|imp_1|x1|activity\./);
  });

  it("reads the actor as a name", () => {
    expect(actorName("Shop owner (staff 42)")).toBe("Shop owner");
    expect(actorName("flow")).toBe("Shopify Flow");
    expect(actorName("Shopify (customers/data_request)")).toBe("Shopify");
  });
});
