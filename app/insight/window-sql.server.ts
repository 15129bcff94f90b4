// SQL fragments shared by Insight's analyses: the window's lines and orders, read by order time.
import { Prisma } from "@prisma/client";
import type { InsightContext } from "~/insight/analysis";
import { addDays } from "~/insight/window";

/** Kept (not cancelled or test) order lines of the shop inside the window, by order time; `l` is the alias. */
export function windowLines({ shopDomain, window }: InsightContext): Prisma.Sql {
  // weekStart narrows the scan through its index; occurredAt keeps the window's exact days.
  return Prisma.sql`l."shopDomain" = ${shopDomain} AND l."weekStart" >= ${window.firstWeek}::date AND l."weekStart" <= ${window.lastWeek}::date
    AND l."occurredAt" >= ${window.from} AND l."occurredAt" < ${window.toExclusive} AND NOT l.excluded AND l.quantity > l."refundedQuantity"`;
}

/**
 * Kept lines of the window's partial weeks only (at most its first and last), for analyses whose whole weeks come
 * from the rollups. Naming the weeks lets PostgreSQL read just them through the weekStart index instead of
 * scanning the window's every line to drop the whole weeks' ones.
 */
export function partialWeekLines(ctx: InsightContext): Prisma.Sql {
  const { window } = ctx;
  const whole = (week: string) => new Date(`${week}T00:00:00Z`) >= window.from && new Date(`${addDays(week, 7)}T00:00:00Z`) <= window.toExclusive;
  const partial = [...new Set([window.firstWeek, window.lastWeek])].filter((week) => !whole(week));
  return Prisma.sql`${windowLines(ctx)} AND l."weekStart" = ANY(${partial}::date[])`;
}

/** Numbers from SQL (bigint, numeric) as JavaScript numbers. */
export const num = (value: bigint | number | string | null | undefined): number => (value === null || value === undefined ? 0 : Number(value));
