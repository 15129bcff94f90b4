// Tiers' part in erasure: a member's tier and what their orders counted towards it go with the customer; the
// rules and rule changes are the merchant's and name no customer.
import type { PrivacyHooks } from "~/privacy/erasure";

export const tiersPrivacy: PrivacyHooks = {
  capability: "tiers",
  customerModels: ["MemberTier", "TierOrder"],
  piiFree: {
    TierProgram: "the merchant's tier rules: names, thresholds, perks",
    TierRuleChange: "the merchant's tier rules and the staff member who confirmed them",
  },
  async redactCustomer(tx, subject) {
    if (!subject.memberId) return;
    await tx.memberTier.deleteMany({ where: { shopDomain: subject.shopDomain, memberId: subject.memberId } });
    await tx.tierOrder.deleteMany({ where: { shopDomain: subject.shopDomain, memberId: subject.memberId } });
  },
};
