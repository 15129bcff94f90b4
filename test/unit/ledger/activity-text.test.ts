// The activity log's sentences: an event in the merchant's words, with no action keys, JSON or ids.
import { describe, expect, it } from "vitest";
import { actorName, currencyUnit, describeActivity, type ActivityEvent, type Phrase } from "~/ledger/activity-text";
import { t } from "~/platform/i18n";

const names = {
  currency: "USD",
  members: { m1: "Maria Garcia" },
  rewards: { r1: "$5 off" },
  causes: { c1: "Ocean cleanup" },
  customers: { "9001": { memberId: "m2", name: "Ana Silva" } },
};
const wordsIn =
  (locale: string) =>
  (p: Phrase): string =>
    t(p.key, Object.fromEntries(Object.entries(p.values ?? {}).map(([k, v]) => [k, typeof v === "object" ? wordsIn(locale)(v) : v])), locale);
const words = wordsIn("en");
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

  it("names the customer staff created at the point of sale (linked to their member page), or says a customer before they are a member", () => {
    const created = (customerId: string) =>
      event({ action: "customer.create", subjectType: "customer", subjectId: customerId, after: { source: "pos", email: true } });
    expect(read(created("9001"))).toEqual({ sentence: "Dana Reyes created customer Ana Silva at the point of sale", memberId: "m2", details: [] });
    expect(read(created("9002"))).toEqual({ sentence: "Dana Reyes created a customer at the point of sale", memberId: undefined, details: [] });
    const sentenceIn = (locale: string, customerId: string) => wordsIn(locale)(describeActivity(event(created(customerId)), names).sentence);
    expect(sentenceIn("zh-CN", "9001")).toBe("Dana Reyes 在 POS 销售点创建了客户 Ana Silva");
    expect(sentenceIn("fi", "9001")).toBe("Dana Reyes loi kassalla asiakkaan Ana Silva");
    expect(sentenceIn("ar", "9001")).toBe("Dana Reyes أنشأ العميل Ana Silva في نقطة البيع");
    expect(sentenceIn("ar", "9002")).toBe("Dana Reyes أنشأ عميلًا في نقطة البيع");
    expect(t("activity.actions.customer_create", {}, "fi")).toBe("Asiakas luotu");
  });

  it("reads the actor as a name", () => {
    expect(actorName("Shop owner (staff 42)")).toBe("Shop owner");
    expect(actorName("flow")).toBe("Shopify Flow");
    expect(actorName("Shopify (customers/data_request)")).toBe("Shopify");
  });
});

describe("plural wording", () => {
  const adjust = (points: number, locale: string) =>
    wordsIn(locale)(describeActivity(event({ action: "member.adjust", subjectType: "member", subjectId: "m1", after: { points } }), names).sentence);

  it("says 1 point and 2 points in English, grouping large numbers", () => {
    expect(adjust(1, "en")).toBe("Dana Reyes added 1 point to Maria Garcia's balance");
    expect(adjust(2, "en")).toBe("Dana Reyes added 2 points to Maria Garcia's balance");
    expect(adjust(-1500, "en")).toBe("Dana Reyes took 1,500 points off Maria Garcia's balance");
    const returned = describeActivity(event({ action: "redemption.points_returned", after: { points: 1 } }), names);
    expect(words(returned.sentence)).toBe("Dana Reyes returned 1 point for a redemption");
    const imported = describeActivity(event({ action: "members.import", after: { fileName: "a.csv", posted: 1, points: 1 } }), names);
    expect(words(imported.sentence)).toBe("Dana Reyes imported balances for 1 member from a.csv");
    expect(imported.details.map(words)).toEqual(["1 point posted"]);
  });

  it("uses Arabic's forms for one, two, a few and many", () => {
    expect(adjust(1, "ar")).toBe("Dana Reyes أضاف نقطة واحدة إلى رصيد Maria Garcia");
    expect(adjust(2, "ar")).toBe("Dana Reyes أضاف نقطتين إلى رصيد Maria Garcia");
    expect(adjust(3, "ar")).toBe("Dana Reyes أضاف 3 نقاط إلى رصيد Maria Garcia");
    expect(adjust(11, "ar")).toBe("Dana Reyes أضاف 11 نقطة إلى رصيد Maria Garcia");
    expect(adjust(100, "ar")).toBe("Dana Reyes أضاف 100 نقطة إلى رصيد Maria Garcia");
    expect(t("activity.memberCount", { count: 2 }, "ar")).toBe("عضوين");
    expect(t("activity.memberCount", { count: 5 }, "ar")).toBe("5 أعضاء");
  });

  it("uses the Finnish singular and partitive, and one form in Chinese", () => {
    expect(adjust(1, "fi")).toBe("Jäsenen Maria Garcia saldoon lisättiin 1 piste (Dana Reyes)");
    expect(adjust(1200, "fi")).toBe("Jäsenen Maria Garcia saldoon lisättiin 1\u00a0200 pistettä (Dana Reyes)");
    expect(adjust(1, "zh-CN")).toBe("Dana Reyes 为 Maria Garcia 的余额增加了 1 积分");
    expect(adjust(2, "zh-CN")).toBe("Dana Reyes 为 Maria Garcia 的余额增加了 2 积分");
  });

  it("words the number of changed settings by the count", () => {
    const many = event({ action: "program.update", before: { codePrefix: "A", "expiry.months": 6 }, after: { codePrefix: "B", "expiry.months": 12 } });
    expect(words(describeActivity(many, names).sentence)).toBe("Dana Reyes changed 2 settings");
    expect(wordsIn("ar")(describeActivity(many, names).sentence)).toBe("Dana Reyes غيّر إعدادين");
  });

  it("picks the plural form of any admin message by its count, English when a locale lacks the key", () => {
    expect(t("redemptions.returned", { count: 1 })).toBe("1 point returned");
    expect(t("redemptions.returned", { count: 40 })).toBe("40 points returned");
    expect(t("fulfilment.cancelled", { count: 2 }, "ar")).toBe("تم الإلغاء. أُعيدت نقطتان إلى العضو.");
    expect(t("fulfilment.cancelled", { count: 1 }, "fi")).toBe("Peruttu. Jäsenelle palautettiin 1 piste.");
  });
});
