// Insight's part in erasure: a customer's orders stay as anonymous totals (the shop's sales still add up), under
// the same anonymous id earning gives them; rollups and refunds name no one.
import type { PrivacyHooks } from "~/privacy/erasure";
import { lockShopInsight } from "~/insight/rollups.server";

export const insightPrivacy: PrivacyHooks = {
  capability: "insight",
  customerModels: [
    "InsightCustomer",
    "InsightOrder",
    "InsightOrderLine",
    "InsightCustomerWeek",
    "InsightOfferPush",
    "InsightOrderSnapshot",
    "InsightOrderLineSnapshot",
  ],
  piiFree: {
    InsightRefundLine: "refunded quantities and amounts by order and line id",
    InsightDirtyOrder: "which orders of the shop the rollups have yet to count again",
    InsightWeekLocation: "weekly totals per location",
    InsightWeekCell: "weekly totals per location and category",
    InsightBackfill: "the state of the shop's install backfill",
    InsightWeekPair: "weekly order counts of product and category pairs",
    InsightWeekItem: "weekly order counts of products and categories",
    InsightWeekBasket: "weekly order counts with a product or category",
  },
  async redactCustomer(tx, subject) {
    if (!subject.customerId) return;
    // The job folding the shop's dirty orders must not write the real id back into the rollups meanwhile.
    await lockShopInsight(tx, subject.shopDomain);
    const where = { shopDomain: subject.shopDomain, customerId: subject.customerId };
    const data = { customerId: subject.anonymousId };
    await tx.insightCustomer.updateMany({ where, data });
    await tx.insightOrder.updateMany({ where, data });
    await tx.insightOrderLine.updateMany({ where, data });
    await tx.insightCustomerWeek.updateMany({ where, data });
    // A dirty order's snapshot is taken away from the rollups under the id they now hold: the anonymous one.
    await tx.insightOrderSnapshot.updateMany({ where, data });
    await tx.insightOrderLineSnapshot.updateMany({ where, data });
    // An offer pushed to the customer says what they bought: gone with them.
    await tx.insightOfferPush.deleteMany({ where });
  },
};
