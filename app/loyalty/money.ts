// Money is integer minor units of the shop's currency. Shopify's decimal strings are parsed exactly,
// digit by digit, never through floating point.

/** ISO 4217 currencies whose minor unit is not 2 digits (all others use 2). */
const MINOR_DIGITS: Record<string, number> = {
  BIF: 0, CLP: 0, DJF: 0, GNF: 0, ISK: 0, JPY: 0, KMF: 0, KRW: 0, PYG: 0, RWF: 0, UGX: 0, UYI: 0,
  VND: 0, VUV: 0, XAF: 0, XOF: 0, XPF: 0,
  BHD: 3, IQD: 3, JOD: 3, KWD: 3, LYD: 3, OMR: 3, TND: 3,
};

/** How many decimal digits the currency's minor unit has (JPY 0, USD 2, KWD 3). */
export function minorDigits(currency: string): number {
  return MINOR_DIGITS[currency.toUpperCase()] ?? 2;
}

export class MoneyFormatError extends Error {}

const DECIMAL = /^(-)?(\d+)(?:\.(\d+))?$/;

/**
 * Parses a Shopify decimal amount ("12.50", "1000", "0.005") into integer minor units of `currency`.
 * Extra fraction digits beyond the currency's precision must be zeros; anything else is an error,
 * because Shopify never sends sub-minor amounts for shop money.
 */
export function parseMoney(amount: string | number, currency: string): number {
  const text = typeof amount === "number" ? String(amount) : amount.trim();
  const match = DECIMAL.exec(text);
  if (!match) throw new MoneyFormatError(`not a decimal amount: ${JSON.stringify(amount)}`);
  const [, sign, whole, fraction = ""] = match;
  const digits = minorDigits(currency);
  const kept = fraction.slice(0, digits).padEnd(digits, "0");
  if (/[^0]/.test(fraction.slice(digits))) {
    throw new MoneyFormatError(`${text} has more precision than ${currency} allows`);
  }
  const minor = Number(whole) * 10 ** digits + Number(kept || "0");
  if (!Number.isSafeInteger(minor)) throw new MoneyFormatError(`amount out of range: ${text}`);
  return sign ? -minor : minor;
}

/** Renders minor units back to Shopify's decimal string form ("12.50"). */
export function toDecimalString(minor: number, currency: string): string {
  const digits = minorDigits(currency);
  const negative = minor < 0;
  const abs = Math.abs(minor);
  if (digits === 0) return `${negative ? "-" : ""}${abs}`;
  const unit = 10 ** digits;
  const whole = Math.floor(abs / unit);
  const fraction = String(abs % unit).padStart(digits, "0");
  return `${negative ? "-" : ""}${whole}.${fraction}`;
}

/** Formats minor units for people, in the given locale (e.g. "$12.50", "12,50 €"). */
export function formatMoney(minor: number, currency: string, locale = "en"): string {
  const digits = minorDigits(currency);
  return new Intl.NumberFormat(locale, {
    style: "currency",
    currency,
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  }).format(minor / 10 ** digits);
}
