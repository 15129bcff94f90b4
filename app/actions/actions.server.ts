// Earning actions: the merchant's catalogue of ways to earn, and awarding them. Every award is one ledger entry
// (source "action", sourceId the action) whose idempotency key names the action, the customer and the limit
// window, posted under the member's row lock, so retries and parallel requests award once per window.
import type { EarningAction } from "@prisma/client";
import prisma from "~/db.server";
import { lockMember, postLedgerEntry, type Tx } from "~/ledger/ledger.server";
import { ensureMember } from "~/members/members.server";
import { recordPointsEarned } from "~/notifications/record.server";
import { checkMinimumTier, promoteAfterEarning } from "~/tiers/tiers.server";
import { now as clockNow } from "~/platform/clock.server";
import { failure, type Failure } from "~/platform/errors";
import { recordSurveyAnswers } from "~/surveys/answers.server";
import {
  ACTION_CONFIG_SCHEMAS,
  ACTION_KINDS,
  ACTION_LIMITS,
  BIRTHDAY_CHANGES_ALLOWED,
  SHOPPER_CLAIMED,
  actionInputSchema,
  challengeProgress,
  challengeWindow,
  effectiveLimit,
  fallsOn,
  isActive,
  localDate,
  parseBirthday,
  windowKey,
  type ActionConfig,
  type ActionKind,
  type ActionLimit,
  type ChallengeOrder,
  type ChallengeProgress,
  type EarningActionRule,
} from "~/actions/actions";
import { readProgramSettings } from "~/program/program";
import type { MemberActionsResponse, PublicAction } from "~/members/contract";

/** A stored action as the rules read it (a row whose kind or limit is unknown is skipped, never trusted). */
export function toRule(row: EarningAction): EarningActionRule | null {
  if (!(ACTION_KINDS as readonly string[]).includes(row.kind) || !(ACTION_LIMITS as readonly string[]).includes(row.limit)) return null;
  const kind = row.kind as ActionKind;
  const config = ACTION_CONFIG_SCHEMAS[kind].safeParse(row.config);
  if (!config.success) return null;
  return {
    id: row.id,
    kind,
    title: row.title,
    points: row.points,
    limit: effectiveLimit(kind, row.limit as ActionLimit),
    enabled: row.enabled,
    startsAt: row.startsAt,
    endsAt: row.endsAt,
    config: config.data as Record<string, unknown>,
  };
}

/** The shop's actions in the merchant's order. */
export async function listActions(shopDomain: string): Promise<EarningActionRule[]> {
  const rows = await prisma.earningAction.findMany({ where: { shopDomain }, orderBy: [{ position: "asc" }, { createdAt: "asc" }] });
  return rows.map(toRule).filter((r): r is EarningActionRule => r !== null);
}

async function findAction(tx: Tx, shopDomain: string, actionId: string): Promise<EarningActionRule | null> {
  const row = await tx.earningAction.findFirst({ where: { id: actionId, shopDomain } });
  return row ? toRule(row) : null;
}

export type Award = { ok: true; points: number; balance: number; awarded: boolean };

type AwardInput = {
  shopDomain: string;
  action: EarningActionRule;
  memberId: string;
  customerId: string;
  /** The limit window (or the yearly date) this award uses up. */
  window: string;
  /** Social actions: each network is its own award. */
  network?: string;
  occurredAt: Date;
  actor?: string | null;
  note?: string | null;
};

const awardKey = (input: Pick<AwardInput, "action" | "customerId" | "window" | "network">) =>
  `action:${input.action.id}:${input.customerId}:${input.network ? `${input.network}:` : ""}${input.window}`;

async function windowUsed(tx: Tx, shopDomain: string, key: string): Promise<boolean> {
  const rows = await tx.$queryRaw<{ one: number }[]>`SELECT 1 AS one FROM "LedgerEntry" WHERE "shopDomain" = ${shopDomain} AND "idempotencyKey" = ${key}`;
  return rows.length > 0;
}

/**
 * Posts the action's points once for its window. Callers hold the member lock; false when the window was
 * already used. Records points_earned (and reward_reachable) through the one recorder order points use, and
 * moves the member up a points tier at once when the award crosses its threshold.
 */
async function postAward(tx: Tx, input: AwardInput, balanceBefore: number): Promise<Award | false> {
  const key = awardKey(input);
  const posted = await postLedgerEntry(tx, {
    shopDomain: input.shopDomain,
    memberId: input.memberId,
    kind: "earn",
    points: input.action.points,
    reason: `action:${input.action.kind}${input.network ? `:${input.network}` : ""}`,
    source: "action",
    sourceId: input.action.id,
    actor: input.actor ?? null,
    note: input.note ?? null,
    idempotencyKey: key,
    occurredAt: input.occurredAt,
  });
  if (!posted) return false;
  await recordPointsEarned(tx, {
    shopDomain: input.shopDomain,
    customerId: input.customerId,
    points: input.action.points,
    balanceBefore,
    entryKey: key,
    occurredAt: input.occurredAt,
    details: { source: "action", actionId: input.action.id, actionKind: input.action.kind },
  });
  await promoteAfterEarning(tx, input.shopDomain, input.memberId);
  return { ok: true, points: input.action.points, balance: balanceBefore + input.action.points, awarded: true };
}

type ShopFacts = { timezone: string; enabled: boolean };

async function shopFacts(tx: Tx, shopDomain: string): Promise<ShopFacts | null> {
  const shop = await tx.shop.findUnique({ where: { domain: shopDomain }, select: { timezone: true, program: true } });
  return shop ? { timezone: shop.timezone, enabled: readProgramSettings(shop.program).enabled } : null;
}

export type ClaimResult = Award | (Failure & { ok: false });

/**
 * A signed-in shopper completes an action from the widget (`input` is the request's JSON). Refusals are codes:
 * not_found, action_unavailable, action_not_claimable, invalid_request (422 at the edge), limit_reached,
 * birthday_locked, challenge_incomplete, tier_required (a poll for members of a tier the shopper does not hold). A birthday is stored and answers `awarded: false` unless it is today.
 */
export async function claimAction(shopDomain: string, customerId: string, actionId: string, input: unknown): Promise<ClaimResult> {
  const at = await clockNow();
  return prisma.$transaction(async (tx): Promise<ClaimResult> => {
    const shop = await shopFacts(tx, shopDomain);
    if (!shop) return failure("unknown_shop");
    const action = await findAction(tx, shopDomain, actionId);
    if (!action) return failure("not_found");
    if (!SHOPPER_CLAIMED.includes(action.kind)) return failure("action_not_claimable");
    if (!shop.enabled || !isActive(action, at)) return failure("action_unavailable");
    const minimumTier = action.kind === "poll" ? (action.config as ActionConfig["poll"]).minimumTier : null;
    if (minimumTier) {
      // A minimum tier the shop does not have refuses everyone, as a reward's does.
      const member = await tx.member.findUnique({ where: { shopDomain_customerId: { shopDomain, customerId } }, select: { id: true } });
      const gate = await checkMinimumTier(tx, shopDomain, member?.id ?? null, minimumTier);
      if (!gate.ok) return failure("tier_required", { tier: gate.minimumTier?.name ?? minimumTier });
    }
    const parsed = actionInputSchema(action).safeParse(input);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return failure("invalid_request", { field: issue.path.join(".") || "body", problem: issue.message });
    }
    const body = parsed.data as { birthday?: string; network?: string; answers?: Record<string, string>; option?: string };

    const memberId = await ensureMember(tx, shopDomain, { customerId });
    const locked = await lockMember(tx, memberId);
    const today = localDate(at, shop.timezone);
    const base = { shopDomain, action, memberId, customerId, occurredAt: at, network: body.network };

    if (action.kind === "birthday") {
      const birthday = parseBirthday(body.birthday ?? "", today);
      if (!birthday) return failure("invalid_request", { field: "birthday", problem: "a past date as YYYY-MM-DD" });
      const stored = await setBirthday(tx, shopDomain, customerId, body.birthday!, birthday);
      if (!stored) return failure("birthday_locked", { changesAllowed: BIRTHDAY_CHANGES_ALLOWED });
      if (!fallsOn(birthday, today)) return { ok: true, points: 0, balance: locked.balance, awarded: false };
      const award = await postAward(tx, { ...base, window: String(today.year) }, locked.balance);
      return award || { ok: true, points: 0, balance: locked.balance, awarded: false };
    }

    let window = windowKey(action.limit, at, shop.timezone);
    if (action.kind === "challenge") {
      const progress = await memberChallengeProgress(tx, shopDomain, memberId, action, at);
      if (!progress.completedAt) return failure("challenge_incomplete", { current: progress.current, target: progress.target });
      base.occurredAt = progress.completedAt;
      window = windowKey(action.limit, progress.completedAt, shop.timezone);
    }
    if (await windowUsed(tx, shopDomain, awardKey({ ...base, window }))) return failure("limit_reached", { limit: action.limit });

    if (action.kind === "survey") {
      await recordSurveyAnswers(tx, { shopDomain, customerId, surveyId: action.id, answers: body.answers ?? {}, source: "widget", answeredAt: at });
    }
    if (action.kind === "poll") {
      const voted = await tx.$executeRaw`
        INSERT INTO "PollVote" ("shopDomain", "actionId", "customerId", option, "votedAt")
        VALUES (${shopDomain}, ${action.id}, ${customerId}, ${body.option!}, ${at})
        ON CONFLICT ("actionId", "customerId") DO NOTHING`;
      if (voted === 0) return failure("limit_reached", { limit: "once" });
    }
    const award = await postAward(tx, { ...base, window }, locked.balance);
    return award || failure("limit_reached", { limit: action.limit });
  });
}

/** Stores or changes a birthday; false when it differs and the changes allowed are used up. */
async function setBirthday(tx: Tx, shopDomain: string, customerId: string, text: string, date: { month: number; day: number }): Promise<boolean> {
  const existing = await tx.memberBirthday.findUnique({ where: { shopDomain_customerId: { shopDomain, customerId } } });
  if (!existing) {
    await tx.memberBirthday.create({ data: { shopDomain, customerId, birthday: text, month: date.month, day: date.day } });
    return true;
  }
  if (existing.birthday === text) return true;
  if (existing.changes >= BIRTHDAY_CHANGES_ALLOWED) return false;
  await tx.memberBirthday.update({
    where: { shopDomain_customerId: { shopDomain, customerId } },
    data: { birthday: text, month: date.month, day: date.day, changes: { increment: 1 }, updatedAt: new Date() },
  });
  return true;
}

/** The orders a challenge counts for members (one member, or all): paid-or-not, not cancelled, not test, in the window. */
async function challengeOrders(tx: Tx, shopDomain: string, memberId: string | null, from: Date | null, to: Date) {
  const rows = await tx.$queryRaw<{ memberId: string; occurredAt: Date; subtotalMinor: bigint; productIds: string[] | null }[]>`
    SELECT o."memberId", o."occurredAt", o."subtotalMinor",
      ARRAY(SELECT DISTINCT l->>'productId' FROM jsonb_array_elements(o.snapshot->'lines') l WHERE l->>'productId' IS NOT NULL) AS "productIds"
    FROM "OrderRecord" o
    WHERE o."shopDomain" = ${shopDomain} AND o."memberId" IS NOT NULL
      AND (${memberId}::text IS NULL OR o."memberId" = ${memberId})
      AND o."occurredAt" <= ${to} AND (${from}::timestamp IS NULL OR o."occurredAt" >= ${from})
      AND (o.snapshot->>'cancelledAt') IS NULL AND COALESCE((o.snapshot->>'test')::boolean, false) = false`;
  const productIds = [...new Set(rows.flatMap((r) => r.productIds ?? []))];
  const products = productIds.length
    ? await tx.productIndex.findMany({ where: { shopDomain, productId: { in: productIds } }, select: { productId: true, productType: true } })
    : [];
  const categoryOf = new Map(products.map((p) => [p.productId, p.productType]));
  const byMember = new Map<string, ChallengeOrder[]>();
  for (const row of rows) {
    const order: ChallengeOrder = {
      occurredAt: row.occurredAt,
      subtotalMinor: Number(row.subtotalMinor),
      categories: (row.productIds ?? []).flatMap((id) => categoryOf.get(id) ?? []),
    };
    byMember.set(row.memberId, [...(byMember.get(row.memberId) ?? []), order]);
  }
  return byMember;
}

async function memberChallengeProgress(tx: Tx, shopDomain: string, memberId: string, action: EarningActionRule, at: Date): Promise<ChallengeProgress> {
  const config = action.config as ActionConfig["challenge"];
  const window = challengeWindow(action, config.withinDays, at);
  const orders = await challengeOrders(tx, shopDomain, memberId, window.from, window.to);
  return challengeProgress(config.goal, config.target, orders.get(memberId) ?? []);
}

/** What a shopper sees of one action: the action plus their state in it. */
export type MemberActionState = {
  action: EarningActionRule;
  state: "done" | "available" | "unavailable";
  /** Social actions: the networks already rewarded in this window. */
  networksDone: string[];
  progress: ChallengeProgress | null;
};

const networksOf = (action: EarningActionRule): string[] =>
  action.kind === "social_follow"
    ? (action.config as ActionConfig["social_follow"]).networks.map((n) => n.network)
    : action.kind === "social_share"
      ? (action.config as ActionConfig["social_share"]).networks
      : [];

/** The shop's active actions with the shopper's state in each (null customer: a guest, who sees them as available). */
export async function memberActions(shopDomain: string, customerId: string | null) {
  const at = await clockNow();
  return prisma.$transaction(async (tx) => {
    const shop = await shopFacts(tx, shopDomain);
    const timezone = shop?.timezone ?? "UTC";
    const actions = (await listActions(shopDomain)).filter((a) => isActive(a, at));
    const member = customerId ? await tx.member.findUnique({ where: { shopDomain_customerId: { shopDomain, customerId } }, select: { id: true } }) : null;
    const birthday = customerId ? await tx.memberBirthday.findUnique({ where: { shopDomain_customerId: { shopDomain, customerId } } }) : null;
    const entries = member
      ? await tx.ledgerEntry.findMany({
          where: { shopDomain, memberId: member.id, source: "action", sourceId: { in: actions.map((a) => a.id) } },
          select: { idempotencyKey: true },
        })
      : [];
    const used = new Set(entries.map((e) => e.idempotencyKey));
    const votes = customerId
      ? new Set((await tx.pollVote.findMany({ where: { shopDomain, customerId }, select: { actionId: true } })).map((v) => v.actionId))
      : new Set<string>();
    const states: MemberActionState[] = [];
    for (const action of actions) {
      const window = action.kind === "birthday" ? String(localDate(at, timezone).year) : windowKey(action.limit, at, timezone);
      const networks = networksOf(action);
      const networksDone = customerId ? networks.filter((network) => used.has(awardKey({ action, customerId, window, network }))) : [];
      let done = false;
      let progress: ChallengeProgress | null = null;
      if (customerId && networks.length) done = networksDone.length === networks.length;
      else if (customerId) done = used.has(awardKey({ action, customerId, window })) || votes.has(action.id);
      if (action.kind === "challenge") {
        const config = action.config as ActionConfig["challenge"];
        progress = member ? await memberChallengeProgress(tx, shopDomain, member.id, action, at) : { current: 0, target: config.target, completedAt: null };
        if (customerId && progress.completedAt)
          done = used.has(awardKey({ action, customerId, window: windowKey(action.limit, progress.completedAt, timezone) }));
      }
      const minimumTier = action.kind === "poll" ? (action.config as ActionConfig["poll"]).minimumTier : null;
      const eligible = !minimumTier || (member !== null && (await checkMinimumTier(tx, shopDomain, member.id, minimumTier)).ok);
      const claimable = SHOPPER_CLAIMED.includes(action.kind) && eligible;
      states.push({ action, state: done ? "done" : claimable ? "available" : "unavailable", networksDone, progress });
    }
    return {
      actions: states,
      birthday: birthday?.birthday ?? null,
      birthdayChangesLeft: birthday ? Math.max(0, BIRTHDAY_CHANGES_ALLOWED - birthday.changes) : null,
    };
  });
}

/** Awards an action to a member outside the widget (the birthday job, a review, a store visit, a completed challenge). */
async function awardTo(
  tx: Tx,
  shopDomain: string,
  customerId: string,
  action: EarningActionRule,
  window: string,
  occurredAt: Date,
  extra: { actor?: string | null; note?: string | null } = {},
): Promise<Award | Failure> {
  const member = await tx.member.findUnique({ where: { shopDomain_customerId: { shopDomain, customerId } }, select: { id: true, redactedAt: true } });
  const memberId = member ? member.id : await ensureMember(tx, shopDomain, { customerId });
  const locked = await lockMember(tx, memberId);
  const award = await postAward(tx, { shopDomain, action, memberId, customerId, window, occurredAt, ...extra }, locked.balance);
  return award || failure("limit_reached", { limit: action.limit });
}

async function activeActionOfKind(tx: Tx, shopDomain: string, kind: ActionKind, at: Date, actionId?: string) {
  const rows = await tx.earningAction.findMany({ where: { shopDomain, kind, ...(actionId ? { id: actionId } : {}) }, orderBy: { position: "asc" } });
  return rows.map(toRule).find((a): a is EarningActionRule => a !== null && isActive(a, at)) ?? null;
}

/** Staff record an in-store visit (the admin's member page; POS later): the store-visit action's points once per its limit. */
export async function recordStoreVisit(shopDomain: string, customerId: string, staff: string): Promise<Award | Failure> {
  const at = await clockNow();
  return prisma.$transaction(async (tx) => {
    const shop = await shopFacts(tx, shopDomain);
    if (!shop?.enabled) return failure("action_unavailable");
    const action = await activeActionOfKind(tx, shopDomain, "store_visit", at);
    if (!action) return failure("action_unavailable");
    return awardTo(tx, shopDomain, customerId, action, windowKey(action.limit, at, shop.timezone), at, { actor: staff, note: "store visit" });
  });
}

/** The member page's check-in: recordStoreVisit for the shop's member with that id (not_found otherwise). */
export async function recordStoreVisitForMember(shopDomain: string, memberId: string, staff: string): Promise<Award | Failure> {
  const member = await prisma.member.findFirst({ where: { id: memberId, shopDomain, redactedAt: null }, select: { customerId: true } });
  if (!member) return failure("not_found");
  return recordStoreVisit(shopDomain, member.customerId, staff);
}

/** A review app or Flow reports a review (authenticated at the edge): the review action's points once per its limit. */
export async function recordReview(shopDomain: string, input: { customerId: string; reviewId: string; actionId?: string }): Promise<Award | Failure> {
  const at = await clockNow();
  return prisma.$transaction(async (tx) => {
    const shop = await shopFacts(tx, shopDomain);
    if (!shop?.enabled) return failure("action_unavailable");
    const action = await activeActionOfKind(tx, shopDomain, "review", at, input.actionId);
    if (!action) return failure("action_unavailable");
    return awardTo(tx, shopDomain, input.customerId, action, windowKey(action.limit, at, shop.timezone), at, {
      actor: "review",
      note: `review ${input.reviewId}`,
    });
  });
}

/**
 * The scheduled yearly bonuses: birthdays (the shopper's date) and account anniversaries (the member's
 * enrolment date, from the first year on) that fall on today in each shop's time zone. Idempotent per year.
 */
export async function awardYearlyBonuses(): Promise<number> {
  const at = await clockNow();
  const actions = await prisma.earningAction.findMany({ where: { kind: { in: ["birthday", "anniversary"] }, enabled: true } });
  let awarded = 0;
  for (const row of actions) {
    const action = toRule(row);
    if (!action || !isActive(action, at)) continue;
    const shop = await prisma.shop.findUnique({ where: { domain: row.shopDomain }, select: { timezone: true, program: true, uninstalledAt: true } });
    if (!shop || shop.uninstalledAt || !readProgramSettings(shop.program).enabled) continue;
    const today = localDate(at, shop.timezone);
    const candidates = action.kind === "birthday" ? await birthdaysOn(row.shopDomain, today) : await anniversariesOn(row.shopDomain, today, shop.timezone);
    for (const customerId of candidates) {
      const result = await prisma.$transaction((tx) => awardTo(tx, row.shopDomain, customerId, action, String(today.year), at));
      if (result.ok) awarded += 1;
    }
  }
  return awarded;
}

async function birthdaysOn(shopDomain: string, today: { year: number; month: number; day: number }): Promise<string[]> {
  const leapDay = today.month === 2 && today.day === 28;
  const rows = await prisma.memberBirthday.findMany({
    where: { shopDomain, OR: [{ month: today.month, day: today.day }, ...(leapDay ? [{ month: 2, day: 29 }] : [])] },
    select: { customerId: true, month: true, day: true },
  });
  return rows.filter((r) => fallsOn(r, today)).map((r) => r.customerId);
}

async function anniversariesOn(shopDomain: string, today: { year: number; month: number; day: number }, timezone: string): Promise<string[]> {
  const rows = await prisma.$queryRaw<{ customerId: string; createdAt: Date }[]>`
    SELECT "customerId", "createdAt" FROM "Member"
    WHERE "shopDomain" = ${shopDomain} AND "redactedAt" IS NULL
      AND EXTRACT(MONTH FROM ("createdAt" AT TIME ZONE 'UTC') AT TIME ZONE ${timezone}) = ${today.month}
      AND EXTRACT(DAY FROM ("createdAt" AT TIME ZONE 'UTC') AT TIME ZONE ${timezone}) BETWEEN ${today.day} AND ${today.month === 2 && today.day === 28 ? 29 : today.day}`;
  return rows
    .filter((r) => {
      const joined = localDate(r.createdAt, timezone);
      return joined.year < today.year && fallsOn(joined, today);
    })
    .map((r) => r.customerId);
}

/** The scheduled challenge check: members whose orders (by order time) completed an active challenge get its points once. */
export async function awardCompletedChallenges(): Promise<number> {
  const at = await clockNow();
  const rows = await prisma.earningAction.findMany({ where: { kind: "challenge", enabled: true } });
  let awarded = 0;
  for (const row of rows) {
    const action = toRule(row);
    if (!action || !isActive(action, at)) continue;
    const shop = await prisma.shop.findUnique({ where: { domain: row.shopDomain }, select: { timezone: true, program: true, uninstalledAt: true } });
    if (!shop || shop.uninstalledAt || !readProgramSettings(shop.program).enabled) continue;
    const config = action.config as ActionConfig["challenge"];
    const window = challengeWindow(action, config.withinDays, at);
    const byMember = await challengeOrders(prisma, row.shopDomain, null, window.from, window.to);
    const members = await prisma.member.findMany({ where: { id: { in: [...byMember.keys()] }, redactedAt: null }, select: { id: true, customerId: true } });
    for (const member of members) {
      const progress = challengeProgress(config.goal, config.target, byMember.get(member.id) ?? []);
      if (!progress.completedAt) continue;
      const completedAt = progress.completedAt;
      const result = await prisma.$transaction((tx) =>
        awardTo(tx, row.shopDomain, member.customerId, action, windowKey(action.limit, completedAt, shop.timezone), completedAt),
      );
      if (result.ok) awarded += 1;
    }
  }
  return awarded;
}

/** An action as every shopper sees it (GET /proxy/program). */
export function publicAction(action: EarningActionRule): PublicAction {
  const base: PublicAction = {
    id: action.id,
    kind: action.kind,
    title: action.title,
    points: action.points,
    limit: action.limit,
    startsAt: action.startsAt?.toISOString() ?? null,
    endsAt: action.endsAt?.toISOString() ?? null,
  };
  switch (action.kind) {
    case "social_follow":
      return { ...base, networks: (action.config as ActionConfig["social_follow"]).networks.map((n) => ({ network: n.network, url: n.url })) };
    case "social_share":
      return { ...base, networks: (action.config as ActionConfig["social_share"]).networks.map((network) => ({ network, url: null })) };
    case "survey":
      return {
        ...base,
        questions: (action.config as ActionConfig["survey"]).questions.map((q) => ({ key: q.key, label: q.label, options: q.options ?? null })),
      };
    case "challenge":
      return { ...base, challenge: action.config as ActionConfig["challenge"] };
    case "poll": {
      const poll = action.config as ActionConfig["poll"];
      return { ...base, poll: { question: poll.question, options: poll.options, minimumTier: poll.minimumTier } };
    }
    default:
      return base;
  }
}

/** The shop's active actions as shoppers see them. */
export async function publicActions(shopDomain: string): Promise<PublicAction[]> {
  const at = await clockNow();
  return (await listActions(shopDomain)).filter((a) => isActive(a, at)).map(publicAction);
}

/** GET /proxy/actions: each active action with the shopper's state. */
export async function memberActionsView(shopDomain: string, customerId: string | null): Promise<MemberActionsResponse> {
  const view = await memberActions(shopDomain, customerId);
  return {
    actions: view.actions.map((s) => ({
      ...publicAction(s.action),
      state: s.state,
      networksDone: s.networksDone,
      progress: s.progress ? { current: s.progress.current, target: s.progress.target } : null,
    })),
    birthday: view.birthday,
    birthdayChangesLeft: view.birthdayChangesLeft,
  };
}
