// Win-back: members silent for much longer than their own usual interval, judged as of the window's `to`;
// the offers sent to them (a Flow trigger with a short "why did you stop?" survey) and how many came back.
import { z } from "zod";
import prisma from "~/db.server";
import type { LapsedMember, Winback } from "~/insight/lapse";
import { defineAnalysis, type InsightContext } from "~/insight/analysis";
import { DAY_MS, isLapsed, LAPSE_FACTOR, lapseAfterDays, MIN_LAPSE_DAYS, MIN_ORDERS_FOR_INTERVAL } from "~/insight/lapse";
import { dateOf, insightWindow } from "~/insight/window";
import { num } from "~/insight/window-sql.server";
import { recordProgramEvent } from "~/notifications/events.server";
import { now } from "~/platform/clock.server";

export const winbackParams = z.object({ limit: z.coerce.number().int().min(1).max(5000).default(500) }).strict();

type Row = { customerId: string; orders: bigint; revenue: bigint; last: Date; usual: number; offeredAt: Date | null };

/** Members lapsed as of the end of `to`, the longest silence (relative to their interval) first. */
export async function lapsedMembers({ shopDomain, window }: InsightContext, limit: number): Promise<{ total: number; members: LapsedMember[] }> {
  const asOf = window.toExclusive;
  const rows = await prisma.$queryRaw<Row[]>`
    WITH o AS (
      SELECT o."customerId", o."occurredAt", o."netMinor",
        -- date_part is float8 arithmetic; extract(epoch) is numeric, several times slower over every order.
        date_part('epoch', o."occurredAt" - lag(o."occurredAt") OVER (PARTITION BY o."customerId" ORDER BY o."occurredAt")) / 86400 AS gap
      FROM "InsightOrder" o JOIN "InsightCustomer" c ON c."shopDomain" = o."shopDomain" AND c."customerId" = o."customerId"
      WHERE o."shopDomain" = ${shopDomain} AND NOT o.excluded AND o."occurredAt" < ${asOf} AND c."memberSince" < ${asOf}),
    s AS (
      SELECT "customerId", count(*) AS orders, sum("netMinor") AS revenue, max("occurredAt") AS last,
        percentile_cont(0.5) WITHIN GROUP (ORDER BY gap) AS usual
      FROM o GROUP BY 1 HAVING count(*) >= ${MIN_ORDERS_FOR_INTERVAL})
    SELECT s."customerId", s.orders, s.revenue, s.last, s.usual::float8 AS usual,
      (SELECT max(w."sentAt") FROM "WinbackOffer" w WHERE w."shopDomain" = ${shopDomain} AND w."customerId" = s."customerId" AND w."lastOrderAt" = s.last AND w."sentAt" < ${asOf}) AS "offeredAt"
    FROM s WHERE date_part('epoch', ${asOf}::timestamp - s.last) / 86400 > GREATEST(${MIN_LAPSE_DAYS}, ${LAPSE_FACTOR} * s.usual)
    ORDER BY date_part('epoch', ${asOf}::timestamp - s.last) / 86400 / GREATEST(s.usual, 1) DESC, s."customerId"`;
  const members = rows
    .map((r) => ({ r, daysSince: (asOf.getTime() - r.last.getTime()) / DAY_MS }))
    // The SQL narrows; the rule decides (the same rule the unit tests pin down).
    .filter(({ r, daysSince }) => isLapsed(r.usual, daysSince))
    .map(({ r, daysSince }) => ({
      customerId: r.customerId,
      lastOrderAt: r.last.toISOString(),
      usualIntervalDays: Math.round(r.usual * 10) / 10,
      daysSince: Math.floor(daysSince),
      lapseAfterDays: Math.round(lapseAfterDays(r.usual) * 10) / 10,
      orders: num(r.orders),
      revenueMinor: num(r.revenue),
      offeredAt: r.offeredAt?.toISOString() ?? null,
    }));
  return { total: members.length, members: members.slice(0, limit) };
}

/** Win-back offers sent before the end of `to`, and how many of those members ordered after theirs (by `to`). */
export async function winbackReturns({ shopDomain, window }: InsightContext): Promise<Winback["offers"]> {
  const [row] = await prisma.$queryRaw<{ sent: bigint; returned: bigint }[]>`
    SELECT count(*) AS sent, count(*) FILTER (WHERE EXISTS (
      SELECT 1 FROM "InsightOrder" o WHERE o."shopDomain" = w."shopDomain" AND o."customerId" = w."customerId"
        AND NOT o.excluded AND o."occurredAt" > w."sentAt" AND o."occurredAt" < ${window.toExclusive})) AS returned
    FROM "WinbackOffer" w WHERE w."shopDomain" = ${shopDomain} AND w."sentAt" < ${window.toExclusive}`;
  const sent = num(row?.sent);
  const returned = num(row?.returned);
  return { sent, returned, returnRate: sent > 0 ? returned / sent : 0 };
}

export async function winback(ctx: InsightContext, params: z.infer<typeof winbackParams>): Promise<Winback> {
  const [lapsed, offers] = await Promise.all([lapsedMembers(ctx, params.limit), winbackReturns(ctx)]);
  return {
    asOf: ctx.window.toDate,
    lapsedCount: lapsed.total,
    lapsed: lapsed.members,
    rule: { factor: LAPSE_FACTOR, minDays: MIN_LAPSE_DAYS, minOrders: MIN_ORDERS_FOR_INTERVAL },
    offers,
  };
}

export const winbackAnalysis = defineAnalysis({ params: winbackParams, compute: winback });

/**
 * Sends a win-back offer to every member lapsed as of now who has not had one for this silence: a WinbackOffer
 * row and a `winback_offered` program event (the Flow trigger that carries the offer and the "why did you stop?"
 * survey), in one transaction per member, so a repeat sends nothing twice. Returns how many were sent.
 */
export async function sendWinbackOffers(shopDomain: string, options: { rewardId?: string | null } = {}): Promise<{ sent: number; lapsed: number }> {
  const at = await now();
  const window = insightWindow({ to: dateOf(at) }, at);
  if (!window.ok) throw new Error("today is a valid window");
  const { members } = await lapsedMembers({ shopDomain, currency: "", window: window.window }, 5000);
  let sent = 0;
  for (const m of members) {
    if (m.offeredAt) continue;
    const created = await prisma.$transaction(async (tx) => {
      const rows = await tx.$executeRaw`
        INSERT INTO "WinbackOffer" (id, "shopDomain", "customerId", "lastOrderAt", "usualIntervalDays", "rewardId", "sentAt")
        VALUES (${crypto.randomUUID()}, ${shopDomain}, ${m.customerId}, ${new Date(m.lastOrderAt)}, ${m.usualIntervalDays}, ${options.rewardId ?? null}, ${at})
        ON CONFLICT ("shopDomain", "customerId", "lastOrderAt") DO NOTHING`;
      if (rows === 0) return false;
      await recordProgramEvent(tx, {
        shopDomain,
        customerId: m.customerId,
        type: "winback_offered",
        payload: {
          lastOrderAt: m.lastOrderAt,
          usualIntervalDays: m.usualIntervalDays,
          daysSince: m.daysSince,
          rewardId: options.rewardId ?? null,
          survey: WINBACK_SURVEY,
        },
        idempotencyKey: `winback:${m.customerId}:${m.lastOrderAt}`,
        occurredAt: at,
      });
      return true;
    });
    if (created) sent++;
  }
  return { sent, lapsed: members.length };
}

/** The survey id "why did you stop?" answers are recorded under (SurveyAnswer.surveyId). */
export const WINBACK_SURVEY = "winback";
