// Members' part in erasure: the member's identity, and the customer's rows in member imports.
import type { Prisma } from "@prisma/client";
import type { ImportProblem } from "~/members/member-import";
import type { ReadyRow } from "~/members/member-import.server";
import { namesCustomer, REDACTED, scrubText, type PrivacyHooks } from "~/privacy/erasure";

export const membersPrivacy: PrivacyHooks = {
  capability: "members",
  customerModels: ["Member", "MemberImport"],
  async redactCustomer(tx, subject) {
    if (subject.memberId) {
      // The row stays (balance, lifetime points and the ledger are anonymous totals); who it was goes.
      await tx.member.update({
        where: { id: subject.memberId },
        data: { customerId: subject.anonymousId, email: null, firstName: null, lastName: null, redactedAt: new Date() },
      });
    }
    const email = subject.email?.toLowerCase() ?? null;
    const isTheirs = (row: { email?: string; customerId?: string }) =>
      (email !== null && row.email?.toLowerCase() === email) || (subject.customerId !== null && row.customerId === subject.customerId);
    // Imports hold emails, names and birthdays in their rows and error reports; look only at those naming the customer.
    const imports = await tx.$queryRaw<{ id: string; rows: ReadyRow[]; errors: ImportProblem[] }[]>`
      SELECT id, rows, errors FROM "MemberImport"
      WHERE "shopDomain" = ${subject.shopDomain}
        AND ((${email}::text IS NOT NULL AND (strpos(lower(rows::text), ${email}) > 0 OR strpos(lower(errors::text), ${email}) > 0))
          OR (${subject.customerId}::text IS NOT NULL AND rows @> ${JSON.stringify([{ customerId: subject.customerId }])}::jsonb))`;
    for (const record of imports) {
      // A committed row has done its work (its ledger entry stays); a previewed one must not enrol them later.
      const rows = record.rows.filter((row) => !isTheirs(row));
      const errors = record.errors.map((problem) => (isTheirs(problem) ? { ...problem, email: REDACTED } : problem));
      await tx.memberImport.update({
        where: { id: record.id },
        data: { rows: rows as unknown as Prisma.InputJsonValue, errors: errors as unknown as Prisma.InputJsonValue },
      });
    }
    // File names are the merchant's free text ("zofia-from-smile.csv").
    const files = await tx.memberImport.findMany({ where: { shopDomain: subject.shopDomain }, select: { id: true, fileName: true } });
    for (const file of files.filter((f) => namesCustomer(f.fileName, subject.identifiers))) {
      await tx.memberImport.update({ where: { id: file.id }, data: { fileName: scrubText(file.fileName, subject.identifiers) } });
    }
  },
};
