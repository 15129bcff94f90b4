// Earning actions' part in erasure: a birthday is personal and goes; a poll vote stays for the merchant's counts
// under the anonymous id; the actions themselves are the merchant's settings, about no one.
import type { PrivacyHooks } from "~/privacy/erasure";

export const actionsPrivacy: PrivacyHooks = {
  capability: "actions",
  customerModels: ["MemberBirthday", "PollVote"],
  piiFree: { EarningAction: "the merchant's settings for a way to earn: kind, points, limit, dates, questions and options" },
  async redactCustomer(tx, subject) {
    if (!subject.customerId) return;
    await tx.memberBirthday.deleteMany({ where: { shopDomain: subject.shopDomain, customerId: subject.customerId } });
    await tx.pollVote.updateMany({ where: { shopDomain: subject.shopDomain, customerId: subject.customerId }, data: { customerId: subject.anonymousId } });
  },
};
