// The reward form's summary: what a reward gives and every condition, from the form's values.
import { expect, it } from "vitest";
import { rewardFormValues } from "~/rewards/reward-form";
import { rewardSummary, type SummaryLine } from "~/rewards/reward-summary";
import { t } from "~/platform/i18n";

const words = (lines: SummaryLine[]) => lines.map((l) => t(`rewards.summary.${l.key}`, l.values));
const names = {
  currency: "USD",
  titles: { "gid://shopify/Collection/7": "Coffee beans", "gid://shopify/ProductVariant/9": "Mug - Large" },
  tiers: { gold: "Gold" },
};

it("summarises a percentage off a collection for one tier, once per member, with dates", () => {
  const values = {
    ...rewardFormValues(null, "USD"),
    kind: "percent_off",
    pointsCost: "800",
    "config.percent": "15",
    "config.collectionId": "gid://shopify/Collection/7",
    perCustomerLimit: "1",
    minimumTier: "gold",
    activeFrom: "2026-12-01",
    activeUntil: "2026-12-31",
  };
  expect(words(rewardSummary(values, names))).toEqual([
    "Costs 800 points",
    "15% off products in Coffee beans",
    "No minimum order",
    "Once per member",
    "Only for members in Gold or a higher tier",
    "Available from 2026-12-01 until 2026-12-31",
    "The code is valid for 30 days",
  ]);
});

it("summarises an amount off with a minimum order and a free product by its title", () => {
  const amount = { ...rewardFormValues(null, "USD"), "config.valueMinor": "5.00", "config.minimumSubtotalMinor": "40", perCustomerLimit: "3", enabled: "off" };
  expect(words(rewardSummary(amount, names))).toEqual([
    "Costs 500 points",
    "$5.00 off the order",
    "On orders of $40.00 or more",
    "Up to 3 times per member",
    "Every member can redeem it",
    "The code is valid for 30 days",
    "Switched off: members cannot redeem it",
  ]);
  const product = {
    ...rewardFormValues(null, "USD"),
    kind: "free_product",
    "config.variantId": "gid://shopify/ProductVariant/9",
    onlyNonBuyersOfCollectionId: "gid://shopify/Collection/7",
  };
  expect(words(rewardSummary(product, names))).toContain("A free Mug - Large");
  expect(words(rewardSummary(product, names))).toContain("Only for members who have not bought from Coffee beans");
});
