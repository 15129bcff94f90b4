// Referrals' part in erasure: a referral stays as the referrer's anonymous record (points, dates, status), but the
// friend's email and IP key go when the friend is erased. A referrer's code names no one.
import { REDACTED, type PrivacyHooks } from "~/privacy/erasure";

export const referralsPrivacy: PrivacyHooks = {
  capability: "referrals",
  customerModels: ["Referral", "ReferralCode"],
  piiFree: { ReferralProgram: "the merchant's referral settings" },
  async redactCustomer(tx, subject) {
    const asFriend = [
      ...(subject.customerId ? [{ friendCustomerId: subject.customerId }] : []),
      ...(subject.email ? [{ friendEmail: { equals: subject.email, mode: "insensitive" as const } }] : []),
    ];
    if (!asFriend.length) return;
    const rows = await tx.referral.findMany({ where: { shopDomain: subject.shopDomain, OR: asFriend }, select: { id: true } });
    for (const { id } of rows) {
      await tx.referral.update({
        where: { id },
        data: { friendEmail: REDACTED, friendEmailKey: `redacted:${id}`, friendCustomerId: subject.anonymousId, ipHash: null, lastError: null },
      });
    }
  },
};
