// Points expiry: when a lot of points expires, which lots a spend takes, which reminders are due, and how a
// change of policy is announced before it applies. Pure: no database, no clock (times are passed in).
import { z } from "zod";

export const EXPIRY_POLICIES = ["inactivity", "per_lot"] as const;
export type ExpiryPolicy = (typeof EXPIRY_POLICIES)[number];

/** The rule itself: off, or points expire `months` after the member's last activity / after each lot was earned. */
export const expiryRuleSchema = z.object({
  enabled: z.boolean(),
  policy: z.enum(EXPIRY_POLICIES),
  months: z.coerce.number().int().min(1).max(60),
});
export type ExpiryRule = z.infer<typeof expiryRuleSchema>;

/**
 * A change announced to members: until `effectiveAt` the `previous` rule still applies, from then the current
 * one (and nothing expires before `effectiveAt` under it), so a stricter rule never surprises anyone.
 */
export const expiryNoticeSchema = z.object({ previous: expiryRuleSchema, effectiveAt: z.string().datetime() });
export type ExpiryNotice = z.infer<typeof expiryNoticeSchema>;

export const expirySettingsSchema = expiryRuleSchema.extend({
  /** Days before an expiry that members are reminded (several offsets, each once). */
  reminderDays: z.array(z.coerce.number().int().min(1).max(365)).max(5),
  notice: expiryNoticeSchema.nullable(),
});
export type ExpirySettings = z.infer<typeof expirySettingsSchema>;

export const DEFAULT_EXPIRY: ExpirySettings = { enabled: false, policy: "inactivity", months: 12, reminderDays: [30, 7], notice: null };

/** Ledger kinds that count as activity for the inactivity policy: earning or redeeming. */
export const ACTIVITY_KINDS = ["earn", "pending_earn", "release", "redeem", "import"] as const;

const DAY_MS = 86_400_000;

/** `at` plus whole calendar months (UTC), clamped to the month's last day (31 Jan + 1 month = 28/29 Feb). */
export function addMonths(at: Date, months: number): Date {
  const d = new Date(at.getTime());
  const day = d.getUTCDate();
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() + months);
  const lastDay = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
  d.setUTCDate(Math.min(day, lastDay));
  return d;
}

/** What one lot's expiry depends on: when it was earned and the member's last earning or redeeming. */
export type LotClock = { earnedAt: Date; lastActivityAt: Date | null };

function ruleDate(rule: ExpiryRule, lot: LotClock): Date | null {
  if (!rule.enabled) return null;
  const from = rule.policy === "per_lot" ? lot.earnedAt : (lot.lastActivityAt ?? lot.earnedAt);
  // Inactivity counts from the later of the two: points added after the last activity (a refund) are not older.
  const anchor = rule.policy === "inactivity" && lot.earnedAt > from ? lot.earnedAt : from;
  return addMonths(anchor, rule.months);
}

/**
 * When a lot expires under the settings, or null when it never does. Before a notice's effective date the
 * previous rule applies; after it the current one, and nothing expires under it before that date.
 * Non-decreasing in `earnedAt` for one member, so the oldest lot is always the first to expire.
 */
export function lotExpiresAt(settings: ExpirySettings, lot: LotClock): Date | null {
  const current = ruleDate(settings, lot);
  if (!settings.notice) return current;
  const effectiveAt = new Date(settings.notice.effectiveAt);
  const previous = ruleDate(settings.notice.previous, lot);
  if (previous && previous < effectiveAt) return previous;
  if (!current) return null;
  return current < effectiveAt ? effectiveAt : current;
}

export type OpenLot = { id: string; remaining: number; earnedAt: Date };

/** The order spending takes lots in: the first to expire (the oldest), ties by id. */
export function spendingOrder<L extends OpenLot>(lots: readonly L[]): L[] {
  return [...lots].sort((a, b) => a.earnedAt.getTime() - b.earnedAt.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/**
 * How many points to take from each lot to spend `points`: lots of `preferOrderId` first (a refund takes back
 * its own order's points), then in spending order. Takes at most what the lots hold.
 */
export function planLotConsumption<L extends OpenLot & { orderId?: string | null }>(
  lots: readonly L[],
  points: number,
  preferOrderId: string | null = null,
): { lotId: string; take: number }[] {
  const ordered = spendingOrder(lots.filter((l) => l.remaining > 0));
  const first = preferOrderId ? ordered.filter((l) => l.orderId === preferOrderId) : [];
  const queue = [...first, ...ordered.filter((l) => !first.includes(l))];
  const plan: { lotId: string; take: number }[] = [];
  let left = Math.max(0, points);
  for (const lot of queue) {
    if (left === 0) break;
    const take = Math.min(lot.remaining, left);
    plan.push({ lotId: lot.id, take });
    left -= take;
  }
  return plan;
}

/** The lots that have expired by `now` (their leftover points are to be written off). */
export function dueLots<L extends OpenLot>(settings: ExpirySettings, lots: readonly L[], lastActivityAt: Date | null, now: Date): L[] {
  return lots.filter((lot) => {
    if (lot.remaining <= 0) return false;
    const at = lotExpiresAt(settings, { earnedAt: lot.earnedAt, lastActivityAt });
    return at !== null && at <= now;
  });
}

/** Points that will expire, grouped by when, soonest first. */
export function upcomingExpiries(settings: ExpirySettings, lots: readonly OpenLot[], lastActivityAt: Date | null, now: Date): { points: number; at: Date }[] {
  const byTime = new Map<number, number>();
  for (const lot of lots) {
    if (lot.remaining <= 0) continue;
    const at = lotExpiresAt(settings, { earnedAt: lot.earnedAt, lastActivityAt });
    if (!at || at <= now) continue;
    byTime.set(at.getTime(), (byTime.get(at.getTime()) ?? 0) + lot.remaining);
  }
  return [...byTime.entries()].sort((a, b) => a[0] - b[0]).map(([t, points]) => ({ points, at: new Date(t) }));
}

/**
 * The reminder offset (days before) whose window `now` is in for an expiry at `at`: the smallest offset already
 * reached, so a reminder missed while the job was down is skipped rather than sent late with a newer one.
 */
export function reminderDue(reminderDays: readonly number[], at: Date, now: Date): number | null {
  if (now >= at) return null;
  const reached = [...new Set(reminderDays)].filter((d) => now.getTime() >= at.getTime() - d * DAY_MS);
  return reached.length ? Math.min(...reached) : null;
}

/** The rule in force at `now` for announcing the next change (the previous one while a notice runs). */
function governingRule(settings: ExpirySettings, now: Date): ExpiryRule {
  if (settings.notice && now < new Date(settings.notice.effectiveAt)) return settings.notice.previous;
  return { enabled: settings.enabled, policy: settings.policy, months: settings.months };
}

/** True when `next` never expires a lot sooner than `rule` would (it can take effect at once). */
function atLeastAsGenerous(rule: ExpiryRule, next: ExpiryRule): boolean {
  if (!next.enabled) return true;
  if (!rule.enabled) return false;
  // Inactivity counts from a later moment than earning, so it is the gentler policy for the same months.
  return next.months >= rule.months && (next.policy === rule.policy || next.policy === "inactivity");
}

/**
 * The notice a change of expiry rule needs: none when the change is no stricter; otherwise the rule in force
 * keeps applying for one full period of the new rule (turning expiry on: nothing expires before then).
 */
export function noticeForChange(before: ExpirySettings, after: ExpirySettings, now: Date): ExpiryNotice | null {
  const next: ExpiryRule = { enabled: after.enabled, policy: after.policy, months: after.months };
  const was: ExpiryRule = { enabled: before.enabled, policy: before.policy, months: before.months };
  if (next.enabled === was.enabled && next.policy === was.policy && next.months === was.months) return before.notice;
  if (!next.enabled) return null;
  if (atLeastAsGenerous(was, next)) return before.notice;
  return { previous: governingRule(before, now), effectiveAt: addMonths(now, next.months).toISOString() };
}
