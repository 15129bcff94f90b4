// Changing the program's settings: validated, saved, and written to the audit log with a before/after diff.
import type { Prisma } from "@prisma/client";
import prisma from "~/db.server";
import { programSettingsSchema, readProgramSettings, type ProgramSettings } from "~/program/program";
import { memberImpact } from "~/program/settings-impact";
import { publishProgramMetafield } from "~/program/program-metafield.server";
import { recordAudit } from "~/audit/audit.server";
import { fieldErrorsFromZod } from "~/platform/form-errors";
import { now as clockNow } from "~/platform/clock.server";
import { noticeForChange } from "~/expiry/expiry";
import { recordProgramEvent } from "~/notifications/events.server";

type DeepPartial<T> = { [K in keyof T]?: T[K] extends object ? (T[K] extends unknown[] ? T[K] : DeepPartial<T[K]>) : T[K] };
export type ProgramChange = DeepPartial<ProgramSettings>;

function merge(current: ProgramSettings, change: ProgramChange): ProgramSettings {
  return {
    ...current,
    ...change,
    earning: { ...current.earning, ...(change.earning ?? {}) },
    expiry: { ...current.expiry, ...(change.expiry ?? {}) },
    widget: { ...current.widget, ...(change.widget ?? {}) },
    admin: { ...current.admin, ...(change.admin ?? {}) },
  } as ProgramSettings;
}

/** Only the settings that changed, as { path: { before, after } }. */
export function diffSettings(before: ProgramSettings, after: ProgramSettings): Record<string, { before: unknown; after: unknown }> {
  const changes: Record<string, { before: unknown; after: unknown }> = {};
  const walk = (a: unknown, b: unknown, path: string) => {
    if (a && b && typeof a === "object" && typeof b === "object" && !Array.isArray(a)) {
      for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
        walk((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key], path ? `${path}.${key}` : key);
      }
    } else if (JSON.stringify(a) !== JSON.stringify(b)) {
      changes[path] = { before: a, after: b };
    }
  };
  walk(before, after, "");
  return changes;
}

export type SaveResult = { ok: true; settings: ProgramSettings; changed: string[] } | { ok: false; fieldErrors: Record<string, string> };

/**
 * Validates and saves a change to the program, recording who changed what. Nothing is written when invalid.
 * `notifyMembers`: staff asked to tell members about a change that affects them; the intent is recorded as a
 * `members.notify_requested` audit event for the engagement features to send.
 */
export async function updateProgramSettings(
  shopDomain: string,
  actor: string,
  change: ProgramChange,
  { notifyMembers = false }: { notifyMembers?: boolean } = {},
): Promise<SaveResult> {
  const result = await saveProgramSettings(shopDomain, actor, change, notifyMembers);
  if (result.ok && result.changed.length) {
    // After the commit: the storefront's copy of the rule (a metafield). Never fails the save.
    const shop = await prisma.shop.findUnique({ where: { domain: shopDomain }, select: { currency: true } });
    await publishProgramMetafield(shopDomain, result.settings, shop?.currency ?? "USD");
  }
  return result;
}

async function saveProgramSettings(shopDomain: string, actor: string, change: ProgramChange, notifyMembers: boolean): Promise<SaveResult> {
  const now = await clockNow();
  return prisma.$transaction(async (tx) => {
    const rows = await tx.$queryRaw<{ program: unknown }[]>`SELECT program FROM "Shop" WHERE domain = ${shopDomain} FOR UPDATE`;
    if (!rows[0]) return { ok: false as const, fieldErrors: { shop: "Shop not found" } };
    const current = readProgramSettings(rows[0].program);
    const parsed = programSettingsSchema.safeParse(merge(current, change));
    if (!parsed.success) return { ok: false as const, fieldErrors: fieldErrorsFromZod(parsed.error) };
    // A stricter expiry rule runs through a notice period; the notice is worked out here, never taken from a form.
    parsed.data.expiry.notice = noticeForChange(current.expiry, parsed.data.expiry, now);
    const diff = diffSettings(current, parsed.data);
    const changed = Object.keys(diff);
    if (changed.length) {
      await tx.shop.update({ where: { domain: shopDomain }, data: { program: parsed.data as unknown as Prisma.InputJsonValue } });
      await recordAudit(
        {
          shopDomain,
          actor,
          action: "program.update",
          subjectType: "program",
          subjectId: shopDomain,
          before: Object.fromEntries(changed.map((k) => [k, diff[k].before])),
          after: Object.fromEntries(changed.map((k) => [k, diff[k].after])),
        },
        tx,
      );
      const impact = memberImpact(current, parsed.data);
      const expiryNotice = parsed.data.expiry.notice !== current.expiry.notice && parsed.data.expiry.notice;
      if (impact.length && (notifyMembers || expiryNotice)) {
        // Members are told before a change applies: an expiry change on its notice's date, others now.
        const effectiveAt = expiryNotice ? expiryNotice.effectiveAt : now.toISOString();
        await recordProgramEvent(tx, {
          shopDomain,
          customerId: null,
          type: "program_changed",
          payload: { changes: impact, effectiveAt, expiry: expiryNotice ? { policy: parsed.data.expiry.policy, months: parsed.data.expiry.months } : null },
          idempotencyKey: `program_changed:${crypto.randomUUID()}`,
          occurredAt: now,
        });
      }
      if (notifyMembers && impact.length) {
        await recordAudit(
          { shopDomain, actor, action: "members.notify_requested", subjectType: "program", subjectId: shopDomain, after: { impact, changed } },
          tx,
        );
      }
    }
    return { ok: true as const, settings: parsed.data, changed };
  });
}
