// The activity log's part in erasure: events about the customer stay (who did what, when), their identity goes.
import type { Prisma } from "@prisma/client";
import { namesCustomer, scrubJson, scrubText, type PrivacyHooks } from "~/privacy/erasure";

export const auditPrivacy: PrivacyHooks = {
  capability: "audit",
  customerModels: ["AuditEvent"],
  async redactCustomer(tx, subject) {
    const subjects = [subject.memberId, subject.customerId, subject.email].filter((s): s is string => Boolean(s));
    const texts = [...subject.identifiers.exact, ...subject.identifiers.words].map((s) => s.toLowerCase());
    // Events about the member or customer, and any other event whose text names them (an import's file name,
    // a note on another record). In those, a word equal to one of their names goes even if it meant someone else.
    const events = await tx.$queryRaw<{ id: string; subjectId: string | null; reason: string | null; before: unknown; after: unknown }[]>`
      SELECT id, "subjectId", reason, before, after FROM "AuditEvent"
      WHERE "shopDomain" = ${subject.shopDomain}
        AND ("subjectId" = ANY(${subjects}::text[])
          OR EXISTS (SELECT 1 FROM unnest(${texts}::text[]) AS t(text)
                     WHERE strpos(lower(concat_ws(' ', reason, before::text, after::text)), t.text) > 0))`;
    for (const event of events) {
      const about = event.subjectId !== null && subjects.includes(event.subjectId);
      if (!about && !namesCustomer(`${event.reason ?? ""} ${JSON.stringify(event.before)} ${JSON.stringify(event.after)}`, subject.identifiers)) continue;
      const anonymous = event.subjectId !== null && event.subjectId !== subject.memberId && subjects.includes(event.subjectId);
      await tx.auditEvent.update({
        where: { id: event.id },
        data: {
          subjectId: anonymous ? subject.anonymousId : event.subjectId,
          reason: event.reason === null ? null : scrubText(event.reason, subject.identifiers),
          before: event.before === null ? undefined : (scrubJson(event.before, subject.identifiers) as Prisma.InputJsonValue),
          after: event.after === null ? undefined : (scrubJson(event.after, subject.identifiers) as Prisma.InputJsonValue),
        },
      });
    }
  },
};
