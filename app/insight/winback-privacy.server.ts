// Win-back offers' part in erasure: the offer stays (return rates still add up) under the customer's anonymous id.
import type { PrivacyHooks } from "~/privacy/erasure";

export const winbackPrivacy: PrivacyHooks = {
  capability: "insight-winback",
  customerModels: ["WinbackOffer"],
  async redactCustomer(tx, subject) {
    if (!subject.customerId) return;
    await tx.winbackOffer.updateMany({ where: { shopDomain: subject.shopDomain, customerId: subject.customerId }, data: { customerId: subject.anonymousId } });
  },
};
