// Earning's part in erasure: the customer's order records stay as anonymous totals (amounts, points, dates).
import type { Prisma } from "@prisma/client";
import type { OrderFacts } from "~/earning/orders";
import { scrubJson, type PrivacyHooks } from "~/privacy/erasure";

export const earningPrivacy: PrivacyHooks = {
  capability: "earning",
  customerModels: ["OrderRecord"],
  piiFree: { OrderRefund: "refund facts only: ids, dates, quantities and amounts (RefundFacts)" },
  async redactCustomer(tx, subject) {
    if (!subject.orderIds.length) return;
    const orders = await tx.orderRecord.findMany({
      where: { shopDomain: subject.shopDomain, orderId: { in: subject.orderIds } },
      select: { orderId: true, snapshot: true },
    });
    for (const order of orders) {
      const facts = order.snapshot as unknown as OrderFacts;
      const snapshot = scrubJson(
        { ...facts, email: null, customerFirstName: null, customerLastName: null, customerId: subject.anonymousId, contactKeys: undefined },
        subject.identifiers,
      );
      await tx.orderRecord.update({
        where: { shopDomain_orderId: { shopDomain: subject.shopDomain, orderId: order.orderId } },
        data: { email: null, customerId: subject.anonymousId, snapshot: snapshot as unknown as Prisma.InputJsonValue },
      });
    }
  },
};
