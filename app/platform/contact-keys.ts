// Comparable, non-reversible keys for a phone number and a postal address: two spellings of the same number or
// street give the same key, and the key itself reveals neither. Earning stores them with an order's facts;
// referrals compare them to tell a friend from the referrer.
import { createHash } from "node:crypto";

export type PostalAddress = {
  address1?: string | null;
  address2?: string | null;
  city?: string | null;
  zip?: string | null;
  country_code?: string | null;
};

/** A phone number's digits (the last 10, so "+1 (555) 010-2000" and "555 010 2000" match); null when too short. */
export function normalisePhone(phone: string | null | undefined): string | null {
  const digits = (phone ?? "").replace(/\D/g, "");
  return digits.length >= 7 ? digits.slice(-10) : null;
}

/** An address as one comparable string (case, spacing and punctuation ignored); null without a street. */
export function normaliseAddress(address: PostalAddress | null | undefined): string | null {
  if (!address?.address1) return null;
  const part = (v: string | null | undefined) => (v ?? "").toLowerCase().replace(/[^\p{L}\p{N}]+/gu, "");
  return [address.address1, address.address2, address.city, address.zip, address.country_code].map(part).join("|");
}

const hash = (value: string | null) => (value === null ? null : createHash("sha256").update(value).digest("hex").slice(0, 32));

/** The keys of a phone and an address (null where missing). */
export function contactKeys(phone: string | null | undefined, address: PostalAddress | null | undefined): { phone: string | null; address: string | null } {
  return { phone: hash(normalisePhone(phone)), address: hash(normaliseAddress(address)) };
}
