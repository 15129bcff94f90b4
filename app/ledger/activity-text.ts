// The activity log in the merchant's words: each audit event as one sentence ("Dana changed the earning rate from
// 1 to 2 points per $1") and a few detail lines, as message keys (activity.sentences.*, activity.changes.*,
// activity.lines.*) with values. Pure; raw action keys, JSON and internal ids never reach the words (the CSV export
// keeps them in columns).
import { formatMoney, minorDigits } from "~/platform/money";
import { ADJUSTMENT_REASONS } from "~/ledger/adjustments";

/** A message key with its values; a value may itself be a phrase (worded first, then put in its place). */
export type Phrase = { key: string; values?: Record<string, string | number | Phrase> };

/**
 * The events' subjects by id, read by the loader: members' and rewards' names, causes' names, and Shopify customers
 * (by customer id) who are members, with their member id for the link.
 */
export type ActivityNames = {
  currency: string;
  members: Record<string, string>;
  rewards: Record<string, string>;
  causes: Record<string, string>;
  customers: Record<string, { memberId: string; name: string }>;
};

/** An audit event as the page has it. */
export type ActivityEvent = {
  action: string;
  actor: string;
  subjectType: string | null;
  subjectId: string | null;
  reason: string | null;
  before?: unknown;
  after?: unknown;
};

export type ActivityText = {
  sentence: Phrase;
  /** When the sentence names a member: the member's id, for a link on their name (the `{member}` value). */
  memberId?: string;
  details: Phrase[];
};

/** The staff member's name as people say it: "Dana Reyes (staff 42)" → "Dana Reyes"; Shopify and Flow by name. */
export function actorName(actor: string): string {
  if (actor === "flow") return "Shopify Flow";
  if (actor.startsWith("Shopify (")) return "Shopify";
  return actor.replace(/\s*\(staff [^)]*\)\s*$/, "").trim() || actor;
}

/** "$1" for USD, "¥1" for JPY: one unit of the currency, without zero decimals. */
export function currencyUnit(currency: string): string {
  return formatMoney(10 ** minorDigits(currency), currency).replace(/[.,]0+(?=\D*$)/, "");
}

const obj = (value: unknown): Record<string, unknown> =>
  value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
const num = (value: unknown): number | null => (typeof value === "number" && Number.isFinite(value) ? value : null);
const str = (value: unknown): string => (value === null || value === undefined ? "" : Array.isArray(value) ? value.join(", ") : String(value));

/** Settings whose before/after read as plain values ("from 1 to 2 points per $1"). */
const PLAIN_SETTINGS = new Set([
  "earning.pointsPerUnit",
  "earning.pendingDays",
  "codePrefix",
  "expiry.months",
  "widget.programName",
  "widget.launcherLabel",
  "widget.primaryColor",
  "admin.confirmAdjustmentsAbove",
]);
const MONEY_SETTINGS = new Set(["earning.minimumOrderMinor", "admin.pointValueMinorPer100"]);
const LIST_SETTINGS = new Set([
  "earning.excludedProductIds",
  "earning.excludedCollectionIds",
  "earning.excludedProductTags",
  "earning.excludedSalesChannels",
  "expiry.reminderDays",
]);
/** Settings whose values are choices, worded by activity.values.<setting>.<value>. */
const CHOICE_SETTINGS = new Set(["earning.awardOn", "clawbackPolicy", "expiry.policy"]);
const FLAG_SETTINGS = new Set(["enabled", "earning.includeTestOrders", "expiry.enabled"]);

const settingKey = (setting: string) => `activity.changes.${setting.replace(/\./g, "_")}`;
const choice = (setting: string, value: unknown): Phrase => ({ key: `activity.values.${setting.replace(/\./g, "_")}.${str(value)}` });

/** One changed setting as a phrase under activity.changes (without the actor): "the earning rate from 1 to 2 …". */
export function settingChange(setting: string, before: unknown, after: unknown, names: Pick<ActivityNames, "currency">): Phrase | null {
  const key = settingKey(setting);
  const unit = currencyUnit(names.currency);
  if (PLAIN_SETTINGS.has(setting)) return { key, values: { before: str(before), after: str(after), unit } };
  if (MONEY_SETTINGS.has(setting)) {
    const money = (v: unknown) => formatMoney(num(v) ?? 0, names.currency);
    return { key, values: { before: money(before), after: money(after) } };
  }
  if (LIST_SETTINGS.has(setting)) {
    const list = Array.isArray(after) ? after : [];
    return { key: list.length ? key : `${key}_none`, values: { count: list.length, list: str(list) } };
  }
  if (CHOICE_SETTINGS.has(setting)) return { key, values: { before: choice(setting, before), after: choice(setting, after) } };
  if (FLAG_SETTINGS.has(setting)) return { key: `${key}_${after === true ? "on" : "off"}` };
  if (setting === "expiry.notice") return null; // worked out by the server when the expiry rule changes
  return { key: "activity.changes.other" };
}

const REWARD_FIELDS = ["name", "pointsCost", "enabled"] as const;

/** An amount of points as a phrase ("1 point", "2 points", Arabic's six forms): the count picks the plural form. */
export const pointsPhrase = (count: number): Phrase => ({ key: "activity.points", values: { count } });
const membersPhrase = (count: number): Phrase => ({ key: "activity.memberCount", values: { count } });

/** The sentence and details for one event. */
export function describeActivity(row: ActivityEvent, names: ActivityNames): ActivityText {
  const text = describe(row, names);
  const full =
    (prefix: string) =>
    (p: Phrase): Phrase =>
      p.key.startsWith("activity.") ? p : { ...p, key: `${prefix}${p.key}` };
  return { ...text, sentence: full("activity.sentences.")(text.sentence), details: text.details.map(full("activity.lines.")) };
}

/** A staff adjustment's reason ("goodwill", "other: late parcel") as a detail line. */
function reasonDetail(reason: string): Phrase {
  const [code, ...rest] = reason.split(": ");
  const text = rest.join(": ");
  if (!(ADJUSTMENT_REASONS as readonly string[]).includes(code)) return { key: "reasonText", values: { reason } };
  const worded: Phrase = { key: `member.reasons.${code}` };
  return text ? { key: "reasonWithText", values: { reason: worded, text } } : { key: "reason", values: { reason: worded } };
}

function describe(row: ActivityEvent, names: ActivityNames): ActivityText {
  const actor = actorName(row.actor);
  const before = obj(row.before);
  const after = obj(row.after);
  const member = row.subjectType === "member" && row.subjectId ? (names.members[row.subjectId] ?? null) : null;
  const memberValues = { actor, member: member ?? "" };
  const aboutMember = (key: string, values: NonNullable<Phrase["values"]>, details: Phrase[]): ActivityText =>
    member
      ? { sentence: { key, values: { ...memberValues, ...values } }, memberId: row.subjectId ?? undefined, details }
      : { sentence: { key: `${key}_unknown`, values: { actor, ...values } }, details };
  const reward = row.subjectType === "reward" && row.subjectId ? (names.rewards[row.subjectId] ?? str(after.name)) : "";

  switch (row.action) {
    case "program.update": {
      const changes = Object.keys(after)
        .map((setting) => settingChange(setting, before[setting], after[setting], names))
        .filter((p): p is Phrase => p !== null);
      if (changes.length === 1) return { sentence: { key: "settingChanged", values: { actor, change: changes[0] } }, details: [] };
      return { sentence: { key: "settingsChanged", values: { actor, count: changes.length } }, details: changes };
    }
    case "member.adjust": {
      const points = num(after.points) ?? 0;
      const details: Phrase[] = [];
      if (row.reason) details.push(row.reason.startsWith("flow: ") ? { key: "flowReason", values: { reason: row.reason.slice(6) } } : reasonDetail(row.reason));
      if (typeof after.note === "string" && after.note) details.push({ key: "note", values: { note: after.note } });
      if (num(before.balance) !== null && num(after.balance) !== null)
        details.push({ key: "balance", values: { before: num(before.balance)!, after: pointsPhrase(num(after.balance)!) } });
      return aboutMember(points >= 0 ? "pointsAdded" : "pointsRemoved", { points: pointsPhrase(Math.abs(points)) }, details);
    }
    case "member.adjust_reverse": {
      const details: Phrase[] = [];
      if (num(before.balance) !== null && num(after.balance) !== null)
        details.push({ key: "balance", values: { before: num(before.balance)!, after: pointsPhrase(num(after.balance)!) } });
      return aboutMember("adjustmentReversed", { points: pointsPhrase(Math.abs(num(after.points) ?? 0)) }, details);
    }
    case "members.import":
      return {
        sentence: { key: "membersImported", values: { actor, rows: membersPhrase(num(after.posted) ?? num(after.rows) ?? 0), file: str(after.fileName) } },
        details: num(after.points) !== null ? [{ key: "importedPoints", values: { points: pointsPhrase(num(after.points)!) } }] : [],
      };
    case "members.notify_requested":
      return { sentence: { key: "membersNotified", values: { actor } }, details: [] };
    case "setup.app_embed_enabled":
      return { sentence: { key: "appEmbedEnabled", values: { actor } }, details: [] };
    case "reward.create":
      return {
        sentence: { key: "rewardCreated", values: { actor, reward } },
        details: num(after.pointsCost) !== null ? [{ key: "rewardCost", values: { points: pointsPhrase(num(after.pointsCost)!) } }] : [],
      };
    case "reward.update": {
      const details: Phrase[] = [];
      for (const field of REWARD_FIELDS) {
        if (JSON.stringify(before[field]) === JSON.stringify(after[field])) continue;
        if (field === "enabled") details.push({ key: after.enabled ? "rewardOn" : "rewardOff" });
        else if (field === "name") details.push({ key: "rewardRenamed", values: { before: str(before.name), after: str(after.name) } });
        else details.push({ key: "rewardCostChanged", values: { before: num(before.pointsCost) ?? 0, after: pointsPhrase(num(after.pointsCost) ?? 0) } });
      }
      const others = Object.keys(after).filter(
        (k) => !(REWARD_FIELDS as readonly string[]).includes(k) && JSON.stringify(before[k]) !== JSON.stringify(after[k]),
      );
      if (others.length) details.push({ key: "rewardTermsChanged" });
      return { sentence: { key: "rewardUpdated", values: { actor, reward } }, details };
    }
    case "reward.archive":
      return { sentence: { key: reward ? "rewardArchived" : "rewardArchived_unknown", values: { actor, reward } }, details: [] };
    case "action.create":
    case "action.update":
    case "action.disable":
    case "action.delete":
      return { sentence: { key: `earningAction_${row.action.slice(7)}`, values: { actor } }, details: [] };
    case "tiers.rules_changed":
      return { sentence: { key: "tiersChanged", values: { actor } }, details: [] };
    case "referral.settings":
      return { sentence: { key: "referralSettings", values: { actor } }, details: [] };
    case "donation.paid": {
      const cause = row.subjectId ? names.causes[row.subjectId] : undefined;
      const amount = formatMoney(num(after.amountMinor) ?? 0, names.currency);
      return {
        sentence: cause ? { key: "donationPaid", values: { actor, amount, cause } } : { key: "donationPaid_unknown", values: { actor, amount } },
        details: row.reason ? [{ key: "note", values: { note: row.reason } }] : [],
      };
    }
    case "redemption.points_returned":
      return {
        sentence: { key: "pointsReturned", values: { actor, points: pointsPhrase(num(after.points) ?? 0) } },
        details: row.reason ? [{ key: "reasonText", values: { reason: row.reason } }] : [],
      };
    case "customer.create": {
      // The audit keeps no name (nothing for customers/redact to chase): the name is the member's, once they are one.
      const customer = row.subjectType === "customer" && row.subjectId ? names.customers[row.subjectId] : undefined;
      return customer
        ? { sentence: { key: "customerCreated", values: { actor, member: customer.name } }, memberId: customer.memberId, details: [] }
        : { sentence: { key: "customerCreated_unknown", values: { actor } }, details: [] };
    }
    case "customer.data_request":
      return aboutMember("dataRequest", {}, after.memberFound === false ? [{ key: "noMemberData" }] : []);
    default:
      return { sentence: { key: "other", values: { actor } }, details: [] };
  }
}
