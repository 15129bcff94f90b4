/**
 * Numeric ids for generated records: Shopify-like magnitudes, offset 900 million above the emulator's own
 * id ranges so generated and emulator-made records can share one store without colliding.
 */
import { fromMinor, toMinor } from "../shopify-payloads";

const BASE = {
  product: 8_000_900_000_000,
  variant: 44_000_900_000_000,
  customer: 7_000_900_000_000,
  location: 60_900_000_000,
  collection: 400_900_000_000,
} as const;

export type GeneratedIdKind = keyof typeof BASE;

/** The id of the n-th (1-based) generated record of a kind. */
export function generatedId(kind: GeneratedIdKind, n: number): number {
  return BASE[kind] + n;
}

/** The generated catalogue is priced in US dollars. */
const GENERATED_CURRENCY = "USD";

/** A decimal money string of integer cents (1250 → "12.50"). */
export function centsToDecimal(cents: number): string {
  return fromMinor(cents, GENERATED_CURRENCY);
}

/** Integer cents of a decimal money string ("12.50" → 1250), exactly. */
export function decimalToCents(amount: string): number {
  return toMinor(amount, GENERATED_CURRENCY);
}
