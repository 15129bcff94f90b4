// Earning actions' rules (no I/O): the kinds, their settings and inputs, limit windows in the shop's time
// zone, birthdays and anniversaries on the day, and challenge progress from orders by order time.
import { z } from "zod";

export const ACTION_KINDS = [
  "signup",
  "birthday",
  "anniversary",
  "social_follow",
  "social_share",
  "survey",
  "review",
  "challenge",
  "store_visit",
  "poll",
] as const;
export type ActionKind = (typeof ACTION_KINDS)[number];

export const ACTION_LIMITS = ["once", "day", "week", "month", "year"] as const;
export type ActionLimit = (typeof ACTION_LIMITS)[number];

export const SOCIAL_NETWORKS = ["instagram", "facebook", "tiktok", "x", "youtube", "pinterest", "whatsapp"] as const;
export type SocialNetwork = (typeof SOCIAL_NETWORKS)[number];

export const CHALLENGE_GOALS = ["orders", "categories", "spend"] as const;
export type ChallengeGoal = (typeof CHALLENGE_GOALS)[number];

/** Kinds a shopper claims from the widget; the others are awarded by a job, staff or an authenticated caller. */
export const SHOPPER_CLAIMED: readonly ActionKind[] = ["signup", "birthday", "social_follow", "social_share", "survey", "challenge", "poll"];

/** Some kinds have one natural limit: a sign-up happens once, a birthday and an anniversary once a year. */
const FIXED_LIMIT: Partial<Record<ActionKind, ActionLimit>> = { signup: "once", birthday: "year", anniversary: "year" };

/** The limit an action is held to: the kind's own when it has one, else the merchant's. */
export function effectiveLimit(kind: ActionKind, limit: ActionLimit): ActionLimit {
  return FIXED_LIMIT[kind] ?? limit;
}

/** How many times a shopper may change a birthday after first setting it (so a bonus cannot be chased). */
export const BIRTHDAY_CHANGES_ALLOWED = 1;

const key = z
  .string()
  .trim()
  .min(1)
  .max(40)
  .regex(/^[a-z0-9_]+$/, "Use lowercase letters, digits and underscores");
const label = z.string().trim().min(1).max(200);

export const socialFollowConfigSchema = z
  .object({
    networks: z
      .array(z.object({ network: z.enum(SOCIAL_NETWORKS), url: z.string().url().max(500) }).strict())
      .min(1)
      .max(SOCIAL_NETWORKS.length),
  })
  .strict();
export const socialShareConfigSchema = z.object({ networks: z.array(z.enum(SOCIAL_NETWORKS)).min(1).max(SOCIAL_NETWORKS.length) }).strict();
export const surveyConfigSchema = z
  .object({
    questions: z
      .array(z.object({ key, label, options: z.array(label).max(20).optional() }).strict())
      .min(1)
      .max(20),
  })
  .strict();
export const challengeConfigSchema = z
  .object({
    goal: z.enum(CHALLENGE_GOALS),
    /** Orders, distinct collections, or minor units spent. */
    target: z.number().int().min(1).max(100_000_000),
    /** Only orders of the last N days count (rolling); null: the whole active period. */
    withinDays: z.number().int().min(1).max(3660).nullable(),
  })
  .strict();
export const pollConfigSchema = z
  .object({
    question: label,
    options: z
      .array(z.object({ id: key, label }).strict())
      .min(2)
      .max(20),
    /** Only members of this tier or above may vote (tiers come with the tiers capability). */
    minimumTier: z.string().min(1).max(100).nullable(),
  })
  .strict();
const emptyConfig = z.object({}).strict();

export const ACTION_CONFIG_SCHEMAS = {
  signup: emptyConfig,
  birthday: emptyConfig,
  anniversary: emptyConfig,
  social_follow: socialFollowConfigSchema,
  social_share: socialShareConfigSchema,
  survey: surveyConfigSchema,
  review: emptyConfig,
  challenge: challengeConfigSchema,
  store_visit: emptyConfig,
  poll: pollConfigSchema,
} as const satisfies Record<ActionKind, z.ZodTypeAny>;

export type ActionConfig = {
  [K in ActionKind]: z.infer<(typeof ACTION_CONFIG_SCHEMAS)[K]>;
};

/** An action as the rules see it. */
export type EarningActionRule = {
  id: string;
  kind: ActionKind;
  title: string;
  points: number;
  limit: ActionLimit;
  enabled: boolean;
  startsAt: Date | null;
  endsAt: Date | null;
  config: Record<string, unknown>;
};

/** Whether the action can be earned at `at`: enabled and inside its active period (end exclusive). */
export function isActive(action: Pick<EarningActionRule, "enabled" | "startsAt" | "endsAt">, at: Date): boolean {
  if (!action.enabled) return false;
  if (action.startsAt && at.getTime() < action.startsAt.getTime()) return false;
  if (action.endsAt && at.getTime() >= action.endsAt.getTime()) return false;
  return true;
}

/** A calendar date in some time zone. */
export type LocalDate = { year: number; month: number; day: number };

const formatters = new Map<string, Intl.DateTimeFormat>();

/** The calendar date of an instant in an IANA time zone (an unknown zone: UTC). */
export function localDate(at: Date, timeZone: string): LocalDate {
  let format = formatters.get(timeZone);
  if (!format) {
    try {
      format = new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" });
    } catch {
      format = new Intl.DateTimeFormat("en-CA", { timeZone: "UTC", year: "numeric", month: "2-digit", day: "2-digit" });
    }
    formatters.set(timeZone, format);
  }
  const parts = Object.fromEntries(format.formatToParts(at).map((p) => [p.type, p.value]));
  return { year: Number(parts.year), month: Number(parts.month), day: Number(parts.day) };
}

const pad = (n: number, width = 2) => String(n).padStart(width, "0");

/** ISO 8601 week of a calendar date ("2026-W01" may start in December). */
function isoWeek({ year, month, day }: LocalDate): string {
  const date = new Date(Date.UTC(year, month - 1, day));
  const weekday = date.getUTCDay() || 7;
  date.setUTCDate(date.getUTCDate() + 4 - weekday);
  const weekYear = date.getUTCFullYear();
  const week = Math.ceil(((date.getTime() - Date.UTC(weekYear, 0, 1)) / 86_400_000 + 1) / 7);
  return `${weekYear}-W${pad(week)}`;
}

/** The limit window an instant falls in, in the shop's time zone: one award per key. */
export function windowKey(limit: ActionLimit, at: Date, timeZone: string): string {
  if (limit === "once") return "once";
  const date = localDate(at, timeZone);
  switch (limit) {
    case "day":
      return `${date.year}-${pad(date.month)}-${pad(date.day)}`;
    case "week":
      return isoWeek(date);
    case "month":
      return `${date.year}-${pad(date.month)}`;
    case "year":
      return String(date.year);
  }
}

const isLeapYear = (year: number) => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;

/** Whether a yearly date (a birthday, an anniversary) falls on `today`; 29 February is celebrated on the 28th in other years. */
export function fallsOn(yearly: { month: number; day: number }, today: LocalDate): boolean {
  if (yearly.month === 2 && yearly.day === 29 && !isLeapYear(today.year)) return today.month === 2 && today.day === 28;
  return yearly.month === today.month && yearly.day === today.day;
}

/** A birthday as a shopper enters it: a real past date, YYYY-MM-DD. */
export function parseBirthday(text: string, today: LocalDate): { month: number; day: number; year: number } | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  if (year < 1900) return null;
  const asNumber = (d: LocalDate) => d.year * 10_000 + d.month * 100 + d.day;
  if (asNumber({ year, month, day }) > asNumber(today)) return null;
  return { year, month, day };
}

/** The shopper's input for each kind they claim (strict: unknown fields are bad input). */
export function actionInputSchema(action: Pick<EarningActionRule, "kind" | "config">): z.ZodTypeAny {
  switch (action.kind) {
    case "birthday":
      return z.object({ birthday: z.string().max(10) }).strict();
    case "social_follow": {
      const networks = (action.config as ActionConfig["social_follow"]).networks.map((n) => n.network);
      return z.object({ network: z.string().refine((n) => (networks as string[]).includes(n), "not one of this action's networks") }).strict();
    }
    case "social_share": {
      const networks = (action.config as ActionConfig["social_share"]).networks;
      return z.object({ network: z.string().refine((n) => (networks as string[]).includes(n), "not one of this action's networks") }).strict();
    }
    case "survey": {
      const { questions } = action.config as ActionConfig["survey"];
      const shape = Object.fromEntries(
        questions.map((q) => [q.key, q.options?.length ? z.enum(q.options as [string, ...string[]]) : z.string().trim().min(1).max(500)]),
      );
      return z.object({ answers: z.object(shape).strict() }).strict();
    }
    case "poll": {
      const options = (action.config as ActionConfig["poll"]).options.map((o) => o.id);
      return z.object({ option: z.enum(options as [string, ...string[]]) }).strict();
    }
    default:
      return z.object({}).strict();
  }
}

/** An order as challenges count it: `categories` are its products' Shopify product types (ProductIndex.productType). */
export type ChallengeOrder = { occurredAt: Date; subtotalMinor: number; categories: string[] };

export type ChallengeProgress = { current: number; target: number; completedAt: Date | null };

/** The period whose orders count at `at`: the active period, narrowed to the last `withinDays` days when set. */
export function challengeWindow(action: Pick<EarningActionRule, "startsAt" | "endsAt">, withinDays: number | null, at: Date): { from: Date | null; to: Date } {
  const to = action.endsAt && action.endsAt.getTime() < at.getTime() ? action.endsAt : at;
  const rolling = withinDays ? new Date(to.getTime() - withinDays * 86_400_000) : null;
  const from = [action.startsAt, rolling].filter((d): d is Date => d !== null).sort((a, b) => b.getTime() - a.getTime())[0] ?? null;
  return { from, to };
}

/**
 * Progress towards a challenge from the orders in its window, taken in order time; `completedAt` is the time
 * of the order that reached the target (so a late webhook completes it on its own date).
 */
export function challengeProgress(goal: ChallengeGoal, target: number, orders: ChallengeOrder[]): ChallengeProgress {
  const sorted = [...orders].sort((a, b) => a.occurredAt.getTime() - b.occurredAt.getTime());
  let current = 0;
  let completedAt: Date | null = null;
  const categories = new Set<string>();
  for (const order of sorted) {
    if (goal === "orders") current += 1;
    else if (goal === "spend") current += Math.max(0, order.subtotalMinor);
    else {
      // "Tea" and "tea " are one category; a product without a type is in none.
      for (const category of order.categories) if (category.trim()) categories.add(category.trim().toLowerCase());
      current = categories.size;
    }
    if (!completedAt && current >= target) completedAt = order.occurredAt;
  }
  return { current: Math.min(current, target), target, completedAt };
}
