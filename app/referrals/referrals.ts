// Referral rules, pure: who counts as the same person, which claims are refused or held for review, and what a
// friend's first order means for the referrer's points. The service (referrals.server.ts) loads the facts and
// writes what these decide.
import type { OrderFacts, RefundFacts } from "~/earning/orders";

/** A referral's life: held for review, code issued, first order paid (points pending), completed, or not. */
export const REFERRAL_STATUSES = ["held", "issued", "pending", "completed", "void", "rejected", "failed"] as const;
export type ReferralStatus = (typeof REFERRAL_STATUSES)[number];

/** Why a claim is refused outright (error codes) or held for review / voided (reasons shown to staff). */
export type ClaimRefusal = "self_referral" | "already_customer" | "disposable_email" | "invalid_code" | "referrals_off";
export const REVIEW_REASONS = ["ip_velocity", "referrer_velocity", "same_phone", "same_address", "same_customer", "not_first_order"] as const;
export type ReviewReason = (typeof REVIEW_REASONS)[number];

/** More referrals than this from one IP address in 7 days are held for review. */
export const MAX_REFERRALS_PER_IP_PER_WEEK = 3;
/** More referrals than this for one referrer in 24 hours are held for review. */
export const MAX_REFERRALS_PER_REFERRER_PER_DAY = 5;
export const DAY_MS = 86_400_000;

/** Domains where dots in the local part mean nothing (Gmail), and those where `+tag` is an alias. */
const DOTLESS_DOMAINS = new Set(["gmail.com", "googlemail.com"]);
const PLUS_TAG_DOMAINS = new Set([
  "gmail.com",
  "googlemail.com",
  "outlook.com",
  "hotmail.com",
  "live.com",
  "icloud.com",
  "me.com",
  "fastmail.com",
  "proton.me",
  "protonmail.com",
  "yandex.com",
]);

/** Throwaway-inbox services: a well-known short list (a friend's real first order needs a real inbox). */
const DISPOSABLE_DOMAINS = new Set([
  "mailinator.com",
  "guerrillamail.com",
  "guerrillamail.net",
  "sharklasers.com",
  "10minutemail.com",
  "temp-mail.org",
  "tempmail.com",
  "tempmailo.com",
  "yopmail.com",
  "trashmail.com",
  "getnada.com",
  "dispostable.com",
  "maildrop.cc",
  "throwawaymail.com",
  "fakeinbox.com",
  "mailnesia.com",
  "mintemail.com",
  "mohmal.com",
  "emailondeck.com",
  "moakt.com",
  "mail.tm",
  "burnermail.io",
]);

/** The email's domain, lower-cased ("" when it has none). */
export function emailDomain(email: string): string {
  const at = email.lastIndexOf("@");
  return at < 0
    ? ""
    : email
        .slice(at + 1)
        .trim()
        .toLowerCase();
}

/**
 * One key per inbox: lower-cased and trimmed; for Gmail-like domains a `+tag` is dropped, and for Gmail dots in
 * the local part too (googlemail.com is gmail.com). Two addresses that reach the same inbox get the same key.
 */
export function normaliseEmail(email: string): string {
  const trimmed = email.trim().toLowerCase();
  const at = trimmed.lastIndexOf("@");
  if (at < 0) return trimmed;
  let local = trimmed.slice(0, at);
  let domain = trimmed.slice(at + 1);
  if (PLUS_TAG_DOMAINS.has(domain)) local = local.split("+")[0];
  if (DOTLESS_DOMAINS.has(domain)) {
    local = local.replace(/\./g, "");
    domain = "gmail.com";
  }
  return `${local}@${domain}`;
}

export function isDisposableEmail(email: string): boolean {
  const domain = emailDomain(email);
  return [...DISPOSABLE_DOMAINS].some((d) => domain === d || domain.endsWith(`.${d}`));
}

/** What a claim is checked against. */
export type ClaimFacts = {
  referrer: { customerId: string; emailKey: string | null };
  friend: { customerId: string | null; email: string; emailKey: string };
  /** The friend is already a member or has ordered before (by customer or email). */
  friendKnown: boolean;
  /** Referrals from the claimer's IP in the last 7 days, this one excluded. */
  ipReferralsThisWeek: number;
  /** The referrer's referrals in the last 24 hours, this one excluded. */
  referrerReferralsToday: number;
};

export type ClaimDecision = { outcome: "refuse"; code: ClaimRefusal } | { outcome: "hold"; reasons: ReviewReason[] } | { outcome: "issue" };

/** Refuses self-referrals, known customers and throwaway inboxes; holds claims from busy IPs and referrers for review. */
export function assessClaim(facts: ClaimFacts): ClaimDecision {
  const { referrer, friend } = facts;
  if (friend.customerId && friend.customerId === referrer.customerId) return { outcome: "refuse", code: "self_referral" };
  if (referrer.emailKey && friend.emailKey === referrer.emailKey) return { outcome: "refuse", code: "self_referral" };
  if (facts.friendKnown) return { outcome: "refuse", code: "already_customer" };
  if (isDisposableEmail(friend.email)) return { outcome: "refuse", code: "disposable_email" };
  const reasons: ReviewReason[] = [];
  if (facts.ipReferralsThisWeek >= MAX_REFERRALS_PER_IP_PER_WEEK) reasons.push("ip_velocity");
  if (facts.referrerReferralsToday >= MAX_REFERRALS_PER_REFERRER_PER_DAY) reasons.push("referrer_velocity");
  return reasons.length ? { outcome: "hold", reasons } : { outcome: "issue" };
}

/** The phones and shipping addresses seen on someone's orders, normalised. */
export type ContactKeys = { phones: string[]; addresses: string[] };

/** Signs at the friend's first order that the friend is the referrer: same phone or same shipping address. */
export function sameContactReasons(referrer: ContactKeys, friend: ContactKeys): ReviewReason[] {
  const reasons: ReviewReason[] = [];
  if (friend.phones.some((p) => referrer.phones.includes(p))) reasons.push("same_phone");
  if (friend.addresses.some((a) => referrer.addresses.includes(a))) reasons.push("same_address");
  return reasons;
}

/** What the friend's first order means: not paid yet, paid (points pend), or never paying (cancelled or fully refunded). */
export type FirstOrderOutcome = "awaiting_payment" | "paid" | "void";

const PAID = new Set(["paid", "partially_refunded"]);

/** Reads the newest stored state of the friend's order and its refunds; order of arrival does not matter. */
export function firstOrderOutcome(order: OrderFacts, refunds: readonly RefundFacts[]): FirstOrderOutcome {
  if (order.cancelledAt || order.financialStatus === "refunded" || order.financialStatus === "voided") return "void";
  if (fullyRefunded(order, refunds)) return "void";
  return PAID.has(order.financialStatus ?? "") ? "paid" : "awaiting_payment";
}

function fullyRefunded(order: OrderFacts, refunds: readonly RefundFacts[]): boolean {
  if (!refunds.length || !order.lines.length) return false;
  const refunded = new Map<string, number>();
  for (const refund of refunds) for (const line of refund.lines) refunded.set(line.lineItemId, (refunded.get(line.lineItemId) ?? 0) + line.quantity);
  return order.lines.every((line) => (refunded.get(line.lineItemId) ?? 0) >= line.quantity);
}

/** True when the order used this referral's discount code (Shopify codes are case-insensitive). */
export function orderUsesCode(order: Pick<OrderFacts, "discountCodes">, code: string): boolean {
  return order.discountCodes.some((c) => c.trim().toLowerCase() === code.toLowerCase());
}

const CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

/** A short random code in an alphabet without look-alikes (0/O, 1/I), from `random` bytes. */
export function randomCode(length: number, random: (n: number) => Uint8Array): string {
  return [...random(length)].map((b) => CODE_ALPHABET[b % CODE_ALPHABET.length]).join("");
}

/** A referral code as typed by a shopper: trimmed and upper-cased. */
export function normaliseCode(code: string): string {
  return code.trim().toUpperCase();
}

/** The friend's reward as configured. */
export type FriendReward = { kind: "amount_off"; valueMinor: number } | { kind: "percent_off"; percent: number };

export function friendRewardOf(kind: string, value: number): FriendReward {
  return kind === "percent_off" ? { kind: "percent_off", percent: value } : { kind: "amount_off", valueMinor: value };
}
