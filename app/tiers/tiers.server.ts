// VIP tiers' service: what each order counts towards a tier, members' tiers (up at once when an order crosses a
// threshold, down only at the scheduled review), tier_changed events in the same transaction, the multiplier
// hook for new orders, and the storefront's view. The decisions are app/tiers/tiers.ts's.
import { Prisma } from "@prisma/client";
import prisma from "~/db.server";
import { lockMember, type Tx } from "~/ledger/ledger.server";
import { count, selectRows, utcParam, utcValue, type Db } from "~/platform/db/sql.server";
import { recordProgramEvent } from "~/notifications/events.server";
import { now as clockNow } from "~/platform/clock.server";
import {
  bonusPercentsFor,
  decideTier,
  entitledTier,
  findTier,
  meetsMinimumTier,
  progressWindow,
  qualifyingWindows,
  rankOf,
  readTierRules,
  sortedTiers,
  tierBenefitsOf,
  tierProgress,
  type TierBenefits,
  type TierDecision,
  type TierDefinition,
  type TierProgress,
  type TierRules,
  type Window,
} from "~/tiers/tiers";

/** The shop's tier rules (no tiers when the merchant has defined none). */
export async function loadTierRules(db: Db, shopDomain: string): Promise<TierRules> {
  const rows = await selectRows<{ rules: unknown }>(db, `SELECT rules FROM "TierProgram" WHERE "shopDomain" = $1`, [shopDomain]);
  return readTierRules(rows[0]?.rules);
}

/**
 * Ledger kinds that are not earning: spending, returned spending and expiry never move a points tier. A refund
 * takes back what its order earned, including what it wrote off as expired (`expiredWriteOff`).
 */
const NOT_EARNING = `('redeem', 'redeem_refund', 'expiry')`;

/** Each member's measure in one window, for the given members (all of the shop's when `memberIds` is null). */
async function measuresIn(db: Db, shopDomain: string, rules: TierRules, window: Window, memberIds: string[] | null): Promise<Map<string, number>> {
  const values: unknown[] = [shopDomain, utcValue(window.from ?? new Date(0)), utcValue(window.to)];
  const members = memberIds ? `AND "memberId" = ANY($${values.push(memberIds)}::text[])` : "";
  const inWindow = `"shopDomain" = $1 AND "occurredAt" >= ${utcParam(2)} AND "occurredAt" < ${utcParam(3)} ${members}`;
  const rows =
    rules.measure === "points"
      ? await selectRows<{ memberId: string; measure: string | bigint }>(
          db,
          `SELECT "memberId", SUM(points + "pendingPoints" - shortfall - "expiredWriteOff")::bigint AS measure FROM "LedgerEntry"
           WHERE kind NOT IN ${NOT_EARNING} AND ${inWindow} GROUP BY "memberId"`,
          values,
        )
      : await selectRows<{ memberId: string; measure: string | bigint }>(
          db,
          `SELECT "memberId", ${rules.measure === "spend" ? `SUM("spendMinor")` : `COUNT(*) FILTER (WHERE counts)`}::bigint AS measure
           FROM "TierOrder" WHERE ${inWindow} GROUP BY "memberId"`,
          values,
        );
  return new Map(rows.map((r) => [r.memberId, count(r.measure)]));
}

/** Each member's measures in every qualifying window at `now` (same order as qualifyingWindows). */
async function measuresOf(db: Tx, shopDomain: string, rules: TierRules, now: Date, memberIds: string[] | null): Promise<Map<string, number[]>> {
  const windows = qualifyingWindows(rules.period, now);
  const perWindow = await Promise.all(windows.map((w) => measuresIn(db, shopDomain, rules, w, memberIds)));
  const result = new Map<string, number[]>();
  const ids = new Set(perWindow.flatMap((m) => [...m.keys()]));
  for (const id of memberIds ?? ids)
    result.set(
      id,
      perWindow.map((m) => m.get(id) ?? 0),
    );
  return result;
}

type TierRef = { id: string; name: string; handle: string; rank: number } | null;

function refOf(rules: TierRules, tier: TierDefinition | undefined | null, fallback: TierRules = rules): TierRef {
  if (!tier) return null;
  const inRules = rules.tiers.some((t) => t.id === tier.id) ? rules : fallback;
  return { id: tier.id, name: tier.name, handle: tier.handle, rank: rankOf(inRules, tier.id) };
}

/** Writes a decided change of tier and its tier_changed event (same transaction). Callers hold the member lock. */
async function storeDecision(
  tx: Tx,
  shopDomain: string,
  memberId: string,
  decision: TierDecision,
  rules: TierRules,
  now: Date,
  context: { previousRules?: TierRules; changeId?: string; byHand?: { key: string; heldUntil: Date; actor: string } },
): Promise<void> {
  // A change of tier ends any hold, except the one a change by hand sets.
  const held = context.byHand ? { heldUntil: context.byHand.heldUntil } : decision.change ? { heldUntil: null } : {};
  const since = decision.change ? now : undefined;
  await tx.memberTier.upsert({
    where: { memberId },
    create: { memberId, shopDomain, tierId: decision.tierId, since: now, belowSince: decision.belowSince, ...held },
    update: { tierId: decision.tierId, belowSince: decision.belowSince, ...(since ? { since } : {}), ...held },
  });
  if (!decision.change) return;
  const previous = context.previousRules ?? rules;
  const fromTier = previous.tiers.find((t) => t.id === decision.change!.from) ?? rules.tiers.find((t) => t.id === decision.change!.from);
  const toTier = rules.tiers.find((t) => t.id === decision.change!.to);
  const member = await tx.member.findUniqueOrThrow({ where: { id: memberId }, select: { customerId: true } });
  const { from, to, direction } = decision.change;
  await recordProgramEvent(tx, {
    shopDomain,
    customerId: member.customerId,
    type: "tier_changed",
    payload: {
      from: refOf(previous, fromTier, rules),
      to: refOf(rules, toTier),
      direction,
      measure: rules.measure,
      ...(context.changeId ? { ruleChangeId: context.changeId } : {}),
      ...(context.byHand ? { setBy: context.byHand.actor } : {}),
    },
    idempotencyKey: context.changeId
      ? `tier:${memberId}:rules:${context.changeId}`
      : context.byHand
        ? `tier:${memberId}:set:${context.byHand.key}`
        : `tier:${memberId}:${from ?? "none"}->${to ?? "none"}:${now.toISOString()}`,
    occurredAt: now,
  });
}

/** Re-judges one member's tier (the caller holds the member's lock). */
async function evaluateLocked(tx: Tx, shopDomain: string, memberId: string, rules: TierRules, now: Date, mode: "order" | "review" | "immediate", context = {}) {
  const state = await tx.memberTier.findUnique({ where: { memberId }, select: { tierId: true, since: true, belowSince: true, heldUntil: true } });
  if (!rules.tiers.length && !state?.tierId) return null;
  const measures = (await measuresOf(tx, shopDomain, rules, now, [memberId])).get(memberId) ?? [];
  const decision = decideTier(rules, state ?? { tierId: null, since: null, belowSince: null }, entitledTier(rules, measures), now, mode);
  const unchanged = state && !decision.change && (state.belowSince?.getTime() ?? null) === (decision.belowSince?.getTime() ?? null);
  if (!unchanged && (state || decision.change)) await storeDecision(tx, shopDomain, memberId, decision, rules, now, context);
  return decision;
}

export type TierOrderFacts = { orderId: string; memberId: string | null; occurredAt: Date; spendMinor: number; counts: boolean };

/**
 * Records what an order counts towards its member's tier (at the order's own time, so a late order counts in
 * its own period) and moves the members it touches up at once when it crosses a threshold. Called by order
 * reconciliation inside its transaction, with the members already locked.
 */
export async function recordTierOrder(tx: Tx, shopDomain: string, order: TierOrderFacts, touchedMemberIds: readonly string[]): Promise<void> {
  if (order.memberId) {
    await tx.$executeRaw`
      INSERT INTO "TierOrder" ("shopDomain", "orderId", "memberId", "occurredAt", "spendMinor", counts)
      VALUES (${shopDomain}, ${order.orderId}, ${order.memberId}, ${order.occurredAt}, ${order.spendMinor}, ${order.counts})
      ON CONFLICT ("shopDomain", "orderId") DO UPDATE SET "memberId" = EXCLUDED."memberId", "occurredAt" = EXCLUDED."occurredAt",
        "spendMinor" = EXCLUDED."spendMinor", counts = EXCLUDED.counts`;
  } else {
    await tx.tierOrder.deleteMany({ where: { shopDomain, orderId: order.orderId } });
  }
  const rules = await loadTierRules(tx, shopDomain);
  if (!rules.tiers.length) return;
  const at = await clockNow(tx);
  for (const memberId of [...new Set(touchedMemberIds)].sort()) await evaluateLocked(tx, shopDomain, memberId, rules, at, "order");
}

/**
 * Moves a member up at once when points earned outside an order (an earning action, a Flow action) cross a
 * points threshold; never down. Callers hold the member's lock, inside the transaction that posted the points.
 */
export async function promoteAfterEarning(tx: Tx, shopDomain: string, memberId: string): Promise<void> {
  const rules = await loadTierRules(tx, shopDomain);
  if (!rules.tiers.length || rules.measure !== "points") return;
  await evaluateLocked(tx, shopDomain, memberId, rules, await clockNow(tx), "order");
}

/** How long a tier set by hand is kept whatever the member's measure: a year, as a calendar-year tier is kept. */
export const HELD_TIER_DAYS = 365;

export type TierSetResult = { ok: true; tier: { id: string; name: string }; from: string | null; changed: boolean } | { ok: false; code: "unknown_tier" };

/**
 * Puts a member in a tier by hand (named by id, handle or name), kept for HELD_TIER_DAYS even below its
 * threshold; a higher tier earned later still comes at once. One tier_changed event per `key` when the tier
 * changes. Callers hold the member's lock.
 */
export async function setTierByHand(
  tx: Tx,
  shopDomain: string,
  memberId: string,
  reference: string,
  change: { key: string; actor: string; now: Date },
): Promise<TierSetResult> {
  const rules = await loadTierRules(tx, shopDomain);
  const tier = findTier(rules, reference) ?? rules.tiers.find((t) => t.name.toLowerCase() === reference.trim().toLowerCase());
  if (!tier) return { ok: false, code: "unknown_tier" };
  const state = await tx.memberTier.findUnique({ where: { memberId }, select: { tierId: true } });
  const from = state?.tierId ?? null;
  const direction = rankOf(rules, tier.id) >= rankOf(rules, from) ? "up" : "down";
  const decision: TierDecision = { tierId: tier.id, belowSince: null, change: from === tier.id ? null : { from, to: tier.id, direction } };
  const heldUntil = new Date(change.now.getTime() + HELD_TIER_DAYS * 86_400_000);
  await storeDecision(tx, shopDomain, memberId, decision, rules, change.now, { byHand: { key: change.key, heldUntil, actor: change.actor } });
  return { ok: true, tier: { id: tier.id, name: tier.name }, from, changed: decision.change !== null };
}

export type TierGate = { ok: true } | { ok: false; minimumTier: { id: string; name: string } | null };

/**
 * Whether a member (null: not yet a member) meets a minimum tier named by id or handle. Refused: the tier
 * needed (null when the shop has no such tier, which nobody meets).
 */
export async function checkMinimumTier(db: Tx, shopDomain: string, memberId: string | null, minimum: string): Promise<TierGate> {
  const rules = await loadTierRules(db, shopDomain);
  const held = memberId ? ((await db.memberTier.findUnique({ where: { memberId }, select: { tierId: true } }))?.tierId ?? null) : null;
  if (meetsMinimumTier(rules, held, minimum)) return { ok: true };
  const needed = findTier(rules, minimum);
  return { ok: false, minimumTier: needed ? { id: needed.id, name: needed.name } : null };
}

/** The earning planner's multiplier hook: bonus percents of the tier the order's customer holds now. */
export async function tierBonusPercents(tx: Tx, shopDomain: string, customerId: string | null): Promise<number[]> {
  if (!customerId) return [];
  const rows = await tx.$queryRaw<{ tierId: string | null; rules: unknown }[]>`
    SELECT t."tierId", p.rules FROM "Member" m
    JOIN "MemberTier" t ON t."memberId" = m.id
    JOIN "TierProgram" p ON p."shopDomain" = m."shopDomain"
    WHERE m."shopDomain" = ${shopDomain} AND m."customerId" = ${customerId} AND t."tierId" IS NOT NULL`;
  if (!rows[0]) return [];
  return bonusPercentsFor(readTierRules(rows[0].rules), rows[0].tierId);
}

/** A member's tier benefits (multiplier, birthday bonus), for the earning actions. null: no tier. */
export async function memberTierBenefits(db: Tx, shopDomain: string, memberId: string): Promise<TierBenefits | null> {
  const [rules, state] = await Promise.all([loadTierRules(db, shopDomain), db.memberTier.findUnique({ where: { memberId }, select: { tierId: true } })]);
  return tierBenefitsOf(rules, state?.tierId ?? null);
}

/** The scheduled review of one shop: members who hold a tier are moved down when due (after grace), or up. */
export async function reviewShopTiers(shopDomain: string, now: Date): Promise<{ reviewed: number; down: number; up: number }> {
  const rules = await loadTierRules(prisma, shopDomain);
  const held = await prisma.memberTier.findMany({ where: { shopDomain, tierId: { not: null } }, select: { memberId: true } });
  let down = 0;
  let up = 0;
  for (const { memberId } of held) {
    const decision = await prisma.$transaction(async (tx) => {
      await lockMember(tx, memberId);
      return evaluateLocked(tx, shopDomain, memberId, rules, now, "review");
    });
    if (decision?.change?.direction === "down") down++;
    if (decision?.change?.direction === "up") up++;
  }
  return { reviewed: held.length, down, up };
}

/** The scheduled review of every shop with tiers. */
export async function reviewAllTiers(now: Date): Promise<void> {
  const shops = await prisma.memberTier.findMany({ where: { tierId: { not: null } }, distinct: ["shopDomain"], select: { shopDomain: true } });
  for (const { shopDomain } of shops) await reviewShopTiers(shopDomain, now);
}

export type TierPreview = { up: number; down: number; unchanged: number; distribution: { tierId: string | null; members: number }[] };

/** Where every member of the shop would be under `rules` if they were applied now, and how many would move. */
export async function previewTierRules(
  db: Tx,
  shopDomain: string,
  rules: TierRules,
  now: Date,
): Promise<TierPreview & { decisions: Map<string, TierDecision> }> {
  const measures = await measuresOf(db, shopDomain, rules, now, null);
  const states = await db.memberTier.findMany({
    where: { shopDomain },
    select: { memberId: true, tierId: true, since: true, belowSince: true, heldUntil: true },
  });
  const byMember = new Map(states.map((s) => [s.memberId, s]));
  const decisions = new Map<string, TierDecision>();
  let up = 0;
  let down = 0;
  let unchanged = 0;
  const counts = new Map<string | null, number>();
  for (const memberId of new Set([...measures.keys(), ...byMember.keys()])) {
    const state = byMember.get(memberId) ?? { tierId: null, since: null, belowSince: null };
    const decision = decideTier(rules, state, entitledTier(rules, measures.get(memberId) ?? []), now, "immediate");
    decisions.set(memberId, decision);
    if (decision.change?.direction === "up") up++;
    else if (decision.change?.direction === "down") down++;
    else unchanged++;
    if (decision.tierId) counts.set(decision.tierId, (counts.get(decision.tierId) ?? 0) + 1);
  }
  const distribution = sortedTiers(rules.tiers).map((t) => ({ tierId: t.id as string | null, members: counts.get(t.id) ?? 0 }));
  return { up, down, unchanged, distribution, decisions };
}

/** How many members hold each tier now (lowest first; tierId null: no tier among members with activity). */
export async function tierDistribution(shopDomain: string): Promise<{ rules: TierRules; counts: Map<string, number> }> {
  const rules = await loadTierRules(prisma, shopDomain);
  const rows = await prisma.memberTier.groupBy({ by: ["tierId"], where: { shopDomain, tierId: { not: null } }, _count: { _all: true } });
  return { rules, counts: new Map(rows.map((r) => [r.tierId as string, r._count._all])) };
}

/** Queues a confirmed rule change for the apply job; the preview's counts are what it will do. */
export async function queueTierRuleChange(shopDomain: string, rules: TierRules, actor: string): Promise<{ id: string }> {
  const change = await prisma.tierRuleChange.create({ data: { shopDomain, rules: rules as unknown as Prisma.InputJsonValue, status: "queued", actor } });
  return { id: change.id };
}

/**
 * Applies one queued rule change: stores the rules with an audit entry and a program_changed event, then moves
 * every member to where the new rules place them (up or down at once: the merchant saw the preview), each with
 * its tier_changed event. A retried run redoes only what is left (events are keyed by the change).
 */
export async function applyTierRuleChange(changeId: string, now: Date): Promise<{ up: number; down: number }> {
  const change = await prisma.tierRuleChange.findUnique({ where: { id: changeId } });
  if (!change || change.status !== "queued") return { up: 0, down: 0 };
  const { shopDomain } = change;
  const rules = readTierRules(change.rules);
  const previousRules = await prisma.$transaction(async (tx) => {
    const previous = await loadTierRules(tx, shopDomain);
    await tx.tierProgram.upsert({
      where: { shopDomain },
      create: { shopDomain, rules: rules as unknown as Prisma.InputJsonValue },
      update: { rules: rules as unknown as Prisma.InputJsonValue },
    });
    await tx.auditEvent.create({
      data: {
        shopDomain,
        actor: change.actor,
        action: "tiers.rules_changed",
        subjectType: "tier_rules",
        subjectId: change.id,
        before: previous as unknown as Prisma.InputJsonValue,
        after: rules as unknown as Prisma.InputJsonValue,
      },
    });
    await recordProgramEvent(tx, {
      shopDomain,
      customerId: null,
      type: "program_changed",
      payload: {
        what: "tiers",
        tiers: rules.tiers.map((t) => ({ id: t.id, name: t.name, handle: t.handle, rank: rankOf(rules, t.id), threshold: t.threshold })),
      },
      idempotencyKey: `tier-rules:${change.id}`,
      occurredAt: now,
    });
    return previous;
  });
  const { decisions } = await previewTierRules(prisma, shopDomain, rules, now);
  let up = 0;
  let down = 0;
  for (const memberId of [...decisions.keys()].sort()) {
    const decision = await prisma.$transaction(async (tx) => {
      await lockMember(tx, memberId);
      return evaluateLocked(tx, shopDomain, memberId, rules, now, "immediate", { previousRules, changeId: change.id });
    });
    if (decision?.change?.direction === "up") up++;
    if (decision?.change?.direction === "down") down++;
  }
  await prisma.tierRuleChange.update({ where: { id: change.id }, data: { status: "applied", appliedAt: now, movedUp: up, movedDown: down } });
  return { up, down };
}

/** Applies every queued rule change, oldest first. */
export async function applyQueuedTierRuleChanges(now: Date): Promise<number> {
  const queued = await prisma.tierRuleChange.findMany({ where: { status: "queued" }, orderBy: { createdAt: "asc" }, select: { id: true }, take: 20 });
  for (const { id } of queued) await applyTierRuleChange(id, now);
  return queued.length;
}

export type MemberTierView = { id: string; name: string; handle: string; rank: number; multiplier: number; progress: TierProgress };

/**
 * A member's tier and progress as the storefront and the admin show it: `tier` null when they hold none yet
 * (their progress then leads to the first tier); null altogether when the shop has no tiers.
 */
export async function memberTierStanding(
  db: Tx,
  shopDomain: string,
  memberId: string,
  now: Date,
  preloaded?: TierRules,
): Promise<{ tier: MemberTierView | null; progress: TierProgress } | null> {
  // `preloaded`: the shop's rules read by the caller (loadTierRules) beside its other reads, saving a round trip.
  const rules = preloaded ?? (await loadTierRules(db, shopDomain));
  if (!rules.tiers.length) return null;
  const [state, measures] = await Promise.all([
    selectRows<{ tierId: string | null }>(db, `SELECT "tierId" FROM "MemberTier" WHERE "memberId" = $1 AND "shopDomain" = $2`, [memberId, shopDomain]),
    measuresIn(db, shopDomain, rules, progressWindow(rules.period, now), [memberId]),
  ]);
  const tier = rules.tiers.find((t) => t.id === state[0]?.tierId);
  const progress = tierProgress(rules, tier?.id ?? null, measures.get(memberId) ?? 0);
  if (!tier) return { tier: null, progress };
  return {
    tier: { id: tier.id, name: tier.name, handle: tier.handle, rank: rankOf(rules, tier.id), multiplier: tier.multiplierPercent / 100, progress },
    progress,
  };
}

export type TierPerk =
  | { kind: "multiplier"; multiplier: number }
  | { kind: "birthday_bonus"; points: number }
  | { kind: "free_shipping"; rewardId: string; rewardName: string }
  | { kind: "exclusive_reward"; rewardId: string; rewardName: string };

export type PublicTier = { id: string; name: string; handle: string; measure: TierRules["measure"]; threshold: number; multiplier: number; perks: TierPerk[] };

/**
 * The shop's tiers as the storefront describes them, lowest first, with what each gives: its multiplier and
 * birthday bonus, and the rewards reserved for it or a lower tier (free shipping among them).
 */
export async function publicTiers(db: Tx, shopDomain: string): Promise<PublicTier[]> {
  const rules = await loadTierRules(db, shopDomain);
  if (!rules.tiers.length) return [];
  const gated = await db.reward.findMany({
    where: { shopDomain, enabled: true, archivedAt: null, minimumTier: { in: rules.tiers.map((t) => t.id) } },
    select: { id: true, name: true, kind: true, minimumTier: true },
    orderBy: { pointsCost: "asc" },
  });
  return sortedTiers(rules.tiers).map((tier, index) => {
    const perks: TierPerk[] = [];
    if (tier.multiplierPercent !== 100) perks.push({ kind: "multiplier", multiplier: tier.multiplierPercent / 100 });
    if (tier.birthdayBonusPoints > 0) perks.push({ kind: "birthday_bonus", points: tier.birthdayBonusPoints });
    for (const reward of gated) {
      if (rankOf(rules, reward.minimumTier) > index + 1) continue;
      perks.push({ kind: reward.kind === "free_shipping" ? "free_shipping" : "exclusive_reward", rewardId: reward.id, rewardName: reward.name });
    }
    return {
      id: tier.id,
      name: tier.name,
      handle: tier.handle,
      measure: rules.measure,
      threshold: tier.threshold,
      multiplier: tier.multiplierPercent / 100,
      perks,
    };
  });
}

/** The Tiers page: the rules, how many members hold each tier, and a change still waiting for the apply job. */
export async function tierSetup(shopDomain: string) {
  const { rules, counts } = await tierDistribution(shopDomain);
  const queued = await prisma.tierRuleChange.findFirst({
    where: { shopDomain, status: "queued" },
    orderBy: { createdAt: "desc" },
    select: { id: true, createdAt: true },
  });
  const lastApplied = await prisma.tierRuleChange.findFirst({
    where: { shopDomain, status: "applied" },
    orderBy: { appliedAt: "desc" },
    select: { appliedAt: true, movedUp: true, movedDown: true },
  });
  const members = await prisma.member.count({ where: { shopDomain } });
  const distribution = sortedTiers(rules.tiers).map((tier) => ({ tierId: tier.id, name: tier.name, members: counts.get(tier.id) ?? 0 }));
  const inTiers = distribution.reduce((sum, d) => sum + d.members, 0);
  return { rules, distribution, withoutTier: Math.max(0, members - inTiers), queued, lastApplied };
}

/** What confirming `rules` would do now: members moving up, down, staying, and the distribution after. */
export async function previewTierRuleChange(shopDomain: string, rules: TierRules): Promise<TierPreview> {
  const { up, down, unchanged, distribution } = await previewTierRules(prisma, shopDomain, rules, await clockNow());
  return { up, down, unchanged, distribution };
}

/** A member's tier for the admin member page: the tier (null: none yet) and progress; null when the shop has no tiers. */
export async function memberTierForAdmin(shopDomain: string, memberId: string): Promise<{ name: string | null; progress: TierProgress } | null> {
  const standing = await memberTierStanding(prisma, shopDomain, memberId, await clockNow());
  return standing ? { name: standing.tier?.name ?? null, progress: standing.progress } : null;
}
