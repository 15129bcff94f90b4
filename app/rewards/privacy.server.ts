// Rewards' part in erasure: redemptions stay (points spent, values, codes are anonymous once the member is).
import type { PrivacyHooks } from "~/privacy/erasure";

export const rewardsPrivacy: PrivacyHooks = {
  capability: "rewards",
  customerModels: ["Redemption", "FulfilmentTask"],
  piiFree: {
    Reward: "the merchant's reward settings",
    DonationCause: "the merchant's causes",
    DonationPayout: "staff's record of money paid to a cause",
  },
  async redactCustomer(tx, subject) {
    if (!subject.memberId) return;
    // Shopify's error texts can quote the customer the code was restricted to.
    await tx.redemption.updateMany({
      where: { shopDomain: subject.shopDomain, memberId: subject.memberId, lastError: { not: null } },
      data: { lastError: null },
    });
    // The task stays (it holds the reward's stock), under the anonymous id in place of the customer's.
    await tx.fulfilmentTask.updateMany({ where: { shopDomain: subject.shopDomain, memberId: subject.memberId }, data: { customerId: subject.anonymousId } });
  },
};
