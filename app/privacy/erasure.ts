// What a customer-erasure hook is given, and the pure scrubbing rules every hook shares. The registry of
// hooks is app/privacy/registry.server.ts; docs/decisions/009-privacy-by-structure.md says why.
import type { Tx } from "~/ledger/ledger.server";

/** The customer being erased, gathered once before any hook runs (hooks change the rows it was read from). */
export type RedactionSubject = {
  shopDomain: string;
  /** Shopify's customer id (numeric tail as a string), when known. */
  customerId: string | null;
  email: string | null;
  phone: string | null;
  /** The customer's member row, when they were one. */
  memberId: string | null;
  /** What stays in place of the customer id on kept rows, so the anonymous aggregates still add up. */
  anonymousId: string;
  /** The customer's orders (Shopify ids): their records stay as anonymous totals. */
  orderIds: string[];
  /** Email, phone and names: every string that identifies the customer in free text. */
  identifiers: Identifiers;
};

export type Identifiers = { exact: string[]; words: string[] };

export const REDACTED = "[redacted]";

/** The identifiers to scrub from free text: email and phone anywhere, names as whole words. */
export function identifiersOf(values: { email?: string | null; phone?: string | null; names?: (string | null | undefined)[] }): Identifiers {
  const exact = [values.email, values.phone].filter((v): v is string => Boolean(v && v.trim().length >= 3)).map((v) => v.trim());
  const words = new Set<string>();
  for (const name of values.names ?? []) {
    const trimmed = name?.trim();
    // One-letter initials would erase half of every sentence; they identify no one on their own.
    if (trimmed && trimmed.length >= 2) words.add(trimmed);
  }
  return { exact, words: [...words].sort((a, b) => b.length - a.length) };
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

function patternOf(ids: Identifiers): RegExp | null {
  const parts = [
    ...ids.exact.map(escape),
    // Whole words only, in any script: "Ada" goes, "Adam" and "Canada" stay.
    ...ids.words.map((w) => `(?<![\\p{L}\\p{N}])${escape(w)}(?![\\p{L}\\p{N}])`),
  ];
  return parts.length ? new RegExp(parts.join("|"), "giu") : null;
}

/** The text with every identifier replaced by "[redacted]". */
export function scrubText(text: string, ids: Identifiers): string {
  const pattern = patternOf(ids);
  return pattern ? text.replace(pattern, REDACTED) : text;
}

/** True when the text names the customer. */
export function namesCustomer(text: string | null | undefined, ids: Identifiers): boolean {
  const pattern = patternOf(ids);
  return Boolean(text && pattern && pattern.test(text));
}

/** A JSON value with every string scrubbed (keys are the program's own and stay). */
export function scrubJson<T>(value: T, ids: Identifiers): T {
  const pattern = patternOf(ids);
  if (!pattern) return value;
  const walk = (v: unknown): unknown => {
    if (typeof v === "string") return v.replace(pattern, REDACTED);
    if (Array.isArray(v)) return v.map(walk);
    if (v && typeof v === "object") return Object.fromEntries(Object.entries(v).map(([k, inner]) => [k, walk(inner)]));
    return v;
  };
  return walk(value) as T;
}

/**
 * One capability's part in erasure. Every model of prisma/schema.prisma appears in exactly one capability's
 * `customerModels` or `piiFree` (test/unit/privacy/erasure-coverage.test.ts walks the schema to check), and a
 * model with a shop column either cascades from Shop or is named in some `shopModels`.
 */
export type PrivacyHooks = {
  capability: string;
  /** Models whose copies of a customer's personal data `redactCustomer` scrubs. */
  customerModels?: string[];
  /** Runs inside the customers/redact transaction. */
  redactCustomer?: (tx: Tx, subject: RedactionSubject) => Promise<void>;
  /** Models with a shop column but no cascading key to Shop, which `eraseShop` deletes itself. */
  shopModels?: string[];
  /** Runs inside the shop/redact transaction, before the Shop row (and everything cascading from it) goes. */
  eraseShop?: (tx: Tx, shopDomain: string) => Promise<void>;
  /** Models that hold no customer's personal data, each with the reason. */
  piiFree?: Record<string, string>;
};
