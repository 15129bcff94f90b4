// Expiring points: writes off lots past their expiry (one `expiry` ledger entry per lot, under the member's
// lock), reminds members before it happens (`points_expiring` program events, once per lot and offset), and
// tells the storefront and the admin what will expire when.
import prisma from "~/db.server";
import { lockMember, postLedgerEntry, type LockedMember, type Tx } from "~/ledger/ledger.server";
import { recordProgramEvent } from "~/notifications/events.server";
import { readProgramSettings } from "~/program/program";
import { now as clockNow } from "~/platform/clock.server";
import { selectRows, isoTimestamp, type Db } from "~/platform/db/sql.server";
import { ACTIVITY_KINDS, addMonths, dueLots, lotExpiresAt, reminderDue, upcomingExpiries, type ExpirySettings, type OpenLot } from "~/expiry/expiry";

const DAY_MS = 86_400_000;
/** Members handled per page of a sweep. */
const PAGE = 500;

async function expirySettingsOf(db: Tx | typeof prisma, shopDomain: string): Promise<ExpirySettings | null> {
  const shop = await db.shop.findUnique({ where: { domain: shopDomain }, select: { program: true } });
  return shop ? readProgramSettings(shop.program).expiry : null;
}

/** True when some rule (the current one or the one a notice still applies) can expire points. */
function canExpire(settings: ExpirySettings): boolean {
  return settings.enabled || Boolean(settings.notice?.previous.enabled);
}

/** The member's last earning or redeeming (inactivity counts from it). */
async function lastActivity(db: Db, memberIds: string[]): Promise<Map<string, Date>> {
  if (!memberIds.length) return new Map();
  const rows = await selectRows<{ memberId: string; at: string | null }>(
    db,
    `SELECT "memberId", ${isoTimestamp('max("occurredAt")')} AS at FROM "LedgerEntry"
     WHERE "memberId" = ANY($1::text[]) AND kind = ANY($2::text[]) GROUP BY "memberId"`,
    [memberIds, [...ACTIVITY_KINDS]],
  );
  return new Map(rows.flatMap((r) => (r.at ? [[r.memberId, new Date(r.at)] as const] : [])));
}

async function openLots(db: Db, memberId: string): Promise<OpenLot[]> {
  const rows = await selectRows<Omit<OpenLot, "earnedAt"> & { earnedAt: string }>(
    db,
    `SELECT id, remaining, ${isoTimestamp('"earnedAt"')} AS "earnedAt" FROM "PointLot" WHERE "memberId" = $1 AND remaining > 0`,
    [memberId],
  );
  return rows.map((lot) => ({ ...lot, earnedAt: new Date(lot.earnedAt) }));
}

/**
 * Writes off the member's lots that have expired by `now`; the caller holds the member's lock. Returns the
 * points expired. Each lot expires once (its entry's idempotency key is the lot).
 */
export async function settleExpiredPoints(tx: Tx, shopDomain: string, memberId: string, now: Date, settings?: ExpirySettings): Promise<number> {
  const expiry = settings ?? (await expirySettingsOf(tx, shopDomain));
  if (!expiry || !canExpire(expiry)) return 0;
  const lots = await openLots(tx, memberId);
  if (!lots.length) return 0;
  const activeAt = (await lastActivity(tx, [memberId])).get(memberId) ?? null;
  let expired = 0;
  for (const lot of dueLots(expiry, lots, activeAt, now)) {
    const at = lotExpiresAt(expiry, { earnedAt: lot.earnedAt, lastActivityAt: activeAt }) ?? now;
    const posted = await postLedgerEntry(tx, {
      shopDomain,
      memberId,
      kind: "expiry",
      points: -lot.remaining,
      reason: "Points expired",
      source: "system",
      sourceId: lot.id,
      idempotencyKey: `expiry:${lot.id}`,
      occurredAt: at,
    });
    if (posted) expired += lot.remaining;
  }
  return expired;
}

/**
 * Locks a member for spending: expired points are written off first, so a spend never takes points past
 * their expiry. Returns the member's totals after that.
 */
export async function lockMemberForSpending(tx: Tx, shopDomain: string, memberId: string, now?: Date): Promise<LockedMember> {
  const locked = await lockMember(tx, memberId);
  const expired = await settleExpiredPoints(tx, shopDomain, memberId, now ?? (await clockNow(tx)));
  return expired ? { ...locked, balance: locked.balance - expired } : locked;
}

/** The earliest `earnedAt` a lot can have to expire (or be reminded about) within `horizonDays` of `now`. */
function earnedCutoff(settings: ExpirySettings, now: Date, horizonDays: number): Date {
  const rules = [settings, settings.notice?.previous].filter((r) => r?.enabled) as { months: number }[];
  const months = Math.min(...rules.map((r) => r.months));
  // Every rule's date is at least earnedAt + its months; one spare day absorbs month-end clamping.
  return addMonths(new Date(now.getTime() + (horizonDays + 1) * DAY_MS), -months);
}

type Candidate = { memberId: string; customerId: string };

/** Members of the shop holding a lot that could expire within `horizonDays`, a page at a time. */
async function* candidates(shopDomain: string, cutoff: Date): AsyncGenerator<Candidate[]> {
  let after = "";
  for (;;) {
    const page = await prisma.$queryRaw<Candidate[]>`
      SELECT DISTINCT l."memberId", m."customerId" FROM "PointLot" l JOIN "Member" m ON m.id = l."memberId"
      WHERE l."shopDomain" = ${shopDomain} AND l.remaining > 0 AND l."earnedAt" <= ${cutoff} AND m."redactedAt" IS NULL
        AND l."memberId" > ${after}
      ORDER BY l."memberId" LIMIT ${PAGE}`;
    if (!page.length) return;
    yield page;
    after = page[page.length - 1].memberId;
  }
}

/** Expires what is due in one shop, then records the reminders due. Returns the points expired. */
export async function runShopExpiry(shopDomain: string, now: Date): Promise<{ expired: number; reminders: number }> {
  const settings = await expirySettingsOf(prisma, shopDomain);
  if (!settings || !canExpire(settings)) return { expired: 0, reminders: 0 };
  let expired = 0;
  for await (const page of candidates(shopDomain, earnedCutoff(settings, now, 0))) {
    for (const { memberId } of page) {
      expired += await prisma.$transaction(async (tx) => {
        await lockMember(tx, memberId);
        return settleExpiredPoints(tx, shopDomain, memberId, now, settings);
      });
    }
  }
  const reminders = settings.enabled && settings.reminderDays.length ? await recordReminders(shopDomain, settings, now) : 0;
  return { expired, reminders };
}

/** Records a `points_expiring` event per member, expiry date and reminder offset that is due (each once). */
async function recordReminders(shopDomain: string, settings: ExpirySettings, now: Date): Promise<number> {
  let recorded = 0;
  const horizon = Math.max(...settings.reminderDays);
  for await (const page of candidates(shopDomain, earnedCutoff(settings, now, horizon))) {
    const ids = page.map((c) => c.memberId);
    const activity = await lastActivity(prisma, ids);
    const lots = await prisma.pointLot.findMany({
      where: { memberId: { in: ids }, remaining: { gt: 0 } },
      select: { id: true, memberId: true, remaining: true, earnedAt: true },
    });
    for (const { memberId, customerId } of page) {
      const own = lots.filter((l) => l.memberId === memberId);
      for (const { points, at } of upcomingExpiries(settings, own, activity.get(memberId) ?? null, now)) {
        const days = reminderDue(settings.reminderDays, at, now);
        if (days === null) continue;
        // One event covers every lot expiring at that moment; the key makes it once per lot date and offset.
        const isNew = await recordProgramEvent(prisma, {
          shopDomain,
          customerId,
          type: "points_expiring",
          payload: { points, expiresAt: at.toISOString(), daysBefore: days },
          idempotencyKey: `points_expiring:${memberId}:${at.toISOString()}:${days}`,
          occurredAt: now,
        });
        if (isNew) recorded += 1;
      }
    }
  }
  return recorded;
}

/** The scheduled sweep: every installed shop whose program can expire points. */
export async function runPointsExpiry(now: Date): Promise<{ expired: number; reminders: number }> {
  const shops = await prisma.shop.findMany({ where: { uninstalledAt: null }, select: { domain: true, program: true } });
  const total = { expired: 0, reminders: 0 };
  for (const shop of shops) {
    if (!canExpire(readProgramSettings(shop.program).expiry)) continue;
    const result = await runShopExpiry(shop.domain, now);
    total.expired += result.expired;
    total.reminders += result.reminders;
  }
  return total;
}

/** What a member's points will expire when, soonest first (empty when nothing can expire). */
export async function memberExpiring(
  shopDomain: string,
  memberId: string,
  { program, now }: { program?: unknown; now?: Date } = {},
): Promise<{ points: number; at: string }[]> {
  const settings = program === undefined ? await expirySettingsOf(prisma, shopDomain) : readProgramSettings(program).expiry;
  if (!settings || !canExpire(settings)) return [];
  // One round trip: the lots, the last activity and the clock are independent reads.
  const [lots, activity, at] = await Promise.all([openLots(prisma, memberId), lastActivity(prisma, [memberId]), now ?? clockNow()]);
  if (!lots.length) return [];
  const activeAt = activity.get(memberId) ?? null;
  return upcomingExpiries(settings, lots, activeAt, at).map((e) => ({ points: e.points, at: e.at.toISOString() }));
}
