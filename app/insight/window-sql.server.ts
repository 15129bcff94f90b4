// SQL fragments shared by Insight's analyses: the window's lines and orders, read by order time.
import { Prisma } from "@prisma/client";
import type { InsightContext } from "~/insight/analysis";

/** Kept (not cancelled or test) order lines of the shop inside the window, by order time; `l` is the alias. */
export function windowLines({ shopDomain, window }: InsightContext): Prisma.Sql {
  // weekStart narrows the scan through its index; occurredAt keeps the window's exact days.
  return Prisma.sql`l."shopDomain" = ${shopDomain} AND l."weekStart" >= ${window.firstWeek}::date AND l."weekStart" <= ${window.lastWeek}::date
    AND l."occurredAt" >= ${window.from} AND l."occurredAt" < ${window.toExclusive} AND NOT l.excluded AND l.quantity > l."refundedQuantity"`;
}

/** Numbers from SQL (bigint, numeric) as JavaScript numbers. */
export const num = (value: bigint | number | string | null | undefined): number => (value === null || value === undefined ? 0 : Number(value));
