// History reasons are sentences in the shopper's language, chosen from what the ledger recorded: never a raw
// key such as "goodwill:", never an unfilled placeholder, never the English text stored on the entry.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { historyReason, type HistoryEntry } from "~/ledger/history-text";
import { ADJUSTMENT_REASONS } from "~/ledger/adjustments";
import { ENTRY_KINDS } from "~/ledger/ledger";
import { SHOPPER_LOCALES } from "~/platform/shopper-i18n";

const anEntry = (entry: Partial<HistoryEntry>): HistoryEntry => ({
  kind: "earn",
  source: "order",
  reason: "Earned on order #1508",
  orderId: "gid://shopify/Order/77",
  sourceId: "gid://shopify/Order/77",
  ...entry,
});
const reward = { name: "$5 off", description: null, kind: "amount_off", translations: { fi: { name: "5 $ alennus" } } };

describe("history reasons", () => {
  it("names the order in the shopper's language", () => {
    const entry = anEntry({});
    expect(historyReason(entry, { orderName: "#1508" }, "en")).toBe("Earned on order #1508");
    expect(historyReason(entry, { orderName: "#1508" }, "fi")).toBe("Ansaittu tilauksesta #1508");
    expect(historyReason(entry, { orderName: "#1508" }, "zh-CN")).toBe("订单 #1508 获得");
    // Arabic isolates the order name so "#1508" keeps its order inside right-to-left text.
    expect(historyReason(entry, { orderName: "#1508" }, "ar")).toBe("مكتسبة من الطلب \u2068#1508\u2069");
  });

  it("falls back to the order the stored text names when the order record is gone", () => {
    expect(historyReason(anEntry({ kind: "clawback", source: "refund", reason: "Refund on order #2001" }), {}, "fi")).toBe("Hyvitys tilauksesta #2001");
  });

  it("says how many of the order's points had already expired when a refund or cancellation did not take them back", () => {
    const refund = anEntry({ kind: "clawback", source: "refund", reason: "Refund on order #1508", expiredWriteOff: 60 });
    expect(historyReason(refund, { orderName: "#1508" }, "en")).toBe("Refund on order #1508 (60 of its points had already expired and were not taken back)");
    const cancelled = anEntry({ kind: "reversal", reason: "Order #1508 was cancelled", expiredWriteOff: 100 });
    expect(historyReason(cancelled, { orderName: "#1508" }, "fi")).toBe(
      "Tilaus #1508 peruttiin (100 sen pisteistä oli jo vanhentunut, eikä niitä vähennetty uudelleen)",
    );
    const corrected = anEntry({ kind: "reversal", reason: "Points for order #1508 corrected (refunded)", expiredWriteOff: 5 });
    expect(historyReason(corrected, { orderName: "#1508" }, "zh-CN")).toBe("订单 #1508 的积分已更正（其中 5 积分此前已过期，不再扣回）");
    expect(historyReason(refund, { orderName: "#1508" }, "ar")).toBe(
      "استرداد على الطلب \u2068#1508\u2069 (انتهت صلاحية \u206860\u2069 من نقاطه من قبل، فلم تُخصم مرة أخرى)",
    );
    // Without a write-off the sentence is the plain one.
    expect(historyReason(anEntry({ kind: "clawback", source: "refund", expiredWriteOff: 0 }), { orderName: "#1508" }, "en")).toBe("Refund on order #1508");
  });

  it("uses the merchant's translation of a reward's name", () => {
    const redeem = anEntry({ kind: "redeem", source: "redemption", reason: "Redeemed $5 off", orderId: null, sourceId: "r1" });
    expect(historyReason(redeem, { redemption: { status: "issued", reward } }, "fi")).toBe("Lunastettu: 5 $ alennus");
    expect(historyReason(redeem, { redemption: { status: "issued", reward } }, "en")).toBe("Redeemed $5 off");
    const returned = anEntry({ kind: "redeem_refund", source: "redemption", reason: "Points returned: $5 off cancelled", orderId: null, sourceId: "r1" });
    expect(historyReason(returned, { redemption: { status: "cancelled", reward } }, "fi")).toBe("Pisteet palautettiin: 5 $ alennus peruttiin");
  });

  it("shows a staff adjustment as its reason's label, or the merchant's own words for 'other'", () => {
    const adjust = (reason: string) => anEntry({ kind: "adjustment", source: "staff", reason, orderId: null, sourceId: null });
    expect(historyReason(adjust("goodwill"), {}, "en")).toBe("A thank-you from the store");
    expect(historyReason(adjust("goodwill: late parcel"), {}, "fi")).toBe("Kiitos kaupalta");
    expect(historyReason(adjust("other: birthday surprise"), {}, "ar")).toBe("birthday surprise");
    expect(historyReason(adjust("reversal of goodwill"), {}, "en")).toBe("Store adjustment reversed");
  });

  it("never shows a raw reason key, a placeholder or the stored English text in another language (property)", () => {
    const reasons = [...ADJUSTMENT_REASONS.filter((r) => r !== "other"), ...ADJUSTMENT_REASONS.filter((r) => r !== "other").map((r) => `${r}: note`)];
    fc.assert(
      fc.property(
        fc.constantFrom(...ENTRY_KINDS),
        fc.constantFrom("order", "refund", "redemption", "staff", "system", "import"),
        fc.constantFrom(...reasons),
        fc.constantFrom("zh-CN", "fi", "ar" as const),
        fc.option(fc.constantFrom("issued", "cancelled", "failed", "expired", "used")),
        (kind, source, reason, locale, status) => {
          const text = historyReason(anEntry({ kind, source, reason }), { orderName: "#1508", redemption: status ? { status, reward } : null }, locale);
          expect(text).not.toMatch(/[{}]/);
          expect(text).not.toMatch(/^(goodwill|service_recovery|correction|missing_points|fraud)\b/);
          expect(text).not.toBe(reason);
          expect(text.length).toBeGreaterThan(0);
        },
      ),
    );
  });

  it("has a sentence for every kind in every locale", () => {
    for (const locale of SHOPPER_LOCALES)
      for (const kind of ENTRY_KINDS) expect(historyReason(anEntry({ kind }), { orderName: "#1" }, locale)).not.toMatch(/^history_/);
  });
});
