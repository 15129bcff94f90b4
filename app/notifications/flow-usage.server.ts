// Which Flow triggers each shop's workflows use, from Flow's trigger lifecycle callback: the delivery job fires
// a trigger only for shops where some enabled workflow starts with it.
import prisma from "~/db.server";
import { TRIGGERS, triggerTypeForHandle } from "~/notifications/flow";
import type { ProgramEventType } from "~/notifications/events";

export type UsageReport = { shopDomain: string; triggerId: string; enabled: boolean; reportedAt: Date };

/** Our trigger's handle for the id Flow reports (the extension's handle, or its name for older extensions). */
function triggerHandle(triggerId: string): string | undefined {
  if (triggerTypeForHandle(triggerId)) return triggerId;
  const type = (Object.keys(TRIGGERS) as ProgramEventType[]).find((t) => TRIGGERS[t].name === triggerId);
  return type ? TRIGGERS[type].handle : undefined;
}

/**
 * Records a lifecycle report unless a newer one is already recorded (Flow says newer timestamps win).
 * A shop without Loyalist is ignored, as webhooks for it are.
 */
export async function recordTriggerUsage(report: UsageReport): Promise<"recorded" | "stale" | "unknown_trigger" | "unknown_shop"> {
  const trigger = triggerHandle(report.triggerId);
  if (!trigger) return "unknown_trigger";
  const changed = await prisma.$executeRaw`
    INSERT INTO "FlowTriggerUsage" ("shopDomain", trigger, enabled, "reportedAt", "updatedAt")
    SELECT domain, ${trigger}, ${report.enabled}, ${report.reportedAt}, now() FROM "Shop" WHERE domain = ${report.shopDomain}
    ON CONFLICT ("shopDomain", trigger) DO UPDATE SET enabled = EXCLUDED.enabled, "reportedAt" = EXCLUDED."reportedAt", "updatedAt" = now()
    WHERE "FlowTriggerUsage"."reportedAt" < EXCLUDED."reportedAt"`;
  if (changed > 0) return "recorded";
  const shop = await prisma.shop.findUnique({ where: { domain: report.shopDomain }, select: { domain: true } });
  return shop ? "stale" : "unknown_shop";
}
