// Notifications' part in erasure: events about the customer are messages to Shopify, worthless once the
// customer is gone, so they go entirely.
import type { PrivacyHooks } from "~/privacy/erasure";

export const notificationsPrivacy: PrivacyHooks = {
  capability: "notifications",
  customerModels: ["ProgramEvent"],
  piiFree: { FlowTriggerUsage: "which Flow triggers a shop's workflows use: shop, trigger handle, on or off" },
  async redactCustomer(tx, subject) {
    if (!subject.customerId) return;
    await tx.programEvent.deleteMany({ where: { shopDomain: subject.shopDomain, customerId: subject.customerId } });
  },
};
