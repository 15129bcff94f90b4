// The ledger's part in erasure: points stay (they are the program's totals), words that name the customer go.
import { namesCustomer, scrubText, type PrivacyHooks } from "~/privacy/erasure";

export const ledgerPrivacy: PrivacyHooks = {
  capability: "ledger",
  customerModels: ["LedgerEntry"],
  async redactCustomer(tx, subject) {
    if (!subject.memberId) return;
    // Notes are staff's free text about this member: nothing in them is needed once the member is anonymous.
    await tx.ledgerEntry.updateMany({ where: { memberId: subject.memberId, note: { not: null } }, data: { note: null } });
    const entries = await tx.ledgerEntry.findMany({ where: { memberId: subject.memberId }, select: { id: true, reason: true } });
    for (const entry of entries) {
      if (!namesCustomer(entry.reason, subject.identifiers)) continue;
      await tx.ledgerEntry.update({ where: { id: entry.id }, data: { reason: scrubText(entry.reason, subject.identifiers) } });
    }
  },
};
