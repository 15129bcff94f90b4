// The tier line the customer-account blocks and the order-status block share: how far to the next tier, in the
// shop's measure (money in its own currency digits, points, orders), or the top tier reached.
import { describe, expect, it } from "vitest";
import { tierNextText } from "../../../extensions/shared/tier-next";
import { wordsOf, type HostI18n } from "../../../extensions/shared/words";
import en from "../../../extensions/loyalist-order-status/locales/en.default.json";

/** Shopify's i18n.translate over the extension's own English file ({{x}} placeholders, plural objects by count). */
const host: HostI18n = {
  translate(key, options = {}) {
    const entry = (en as Record<string, unknown>)[key];
    const text = typeof entry === "string" ? entry : (entry as Record<string, string>)[options.count === 1 ? "one" : "other"];
    return text.replace(/\{\{(\w+)\}\}/g, (_m, name: string) => String(options[name]));
  },
  formatNumber: (n) => n.toLocaleString("en"),
  formatDate: (d) => d.toISOString(),
};
const words = wordsOf(host, "en");

describe("tierNextText", () => {
  it("says the money left to the next tier in the shop's currency", () => {
    expect(tierNextText({ measure: "spend", current: 8_000, next: { id: "g", name: "Gold", threshold: 20_000 } }, "USD", words)).toBe(
      "$120.00 more to reach Gold",
    );
    expect(tierNextText({ measure: "spend", current: 500, next: { id: "g", name: "Gold", threshold: 2_000 } }, "JPY", words)).toBe("¥1,500 more to reach Gold");
  });

  it("says points or orders left, with the plural the count needs, and never a negative amount", () => {
    expect(tierNextText({ measure: "points", current: 10, next: { id: "s", name: "Silver", threshold: 11 } }, "USD", words)).toBe(
      "1 point more to reach Silver",
    );
    expect(tierNextText({ measure: "orders", current: 2, next: { id: "s", name: "Silver", threshold: 5 } }, "USD", words)).toBe(
      "3 orders more to reach Silver",
    );
    expect(tierNextText({ measure: "points", current: 50, next: { id: "s", name: "Silver", threshold: 40 } }, "USD", words)).toBe(
      "0 points more to reach Silver",
    );
  });

  it("is null at the top tier, where the block says the top is reached", () => {
    expect(tierNextText({ measure: "spend", current: 90_000, next: null }, "USD", words)).toBeNull();
  });
});
