// Money is integer minor units of the shop's currency. Shopify's decimal strings are parsed exactly,
// digit by digit, never through floating point.

/** ISO 4217 currencies whose minor unit is not 2 digits (all others use 2). */
const MINOR_DIGITS: Record<string, number> = {
  BIF: 0,
  CLP: 0,
  DJF: 0,
  GNF: 0,
  ISK: 0,
  JPY: 0,
  KMF: 0,
  KRW: 0,
  PYG: 0,
  RWF: 0,
  UGX: 0,
  UYI: 0,
  VND: 0,
  VUV: 0,
  XAF: 0,
  XOF: 0,
  XPF: 0,
  BHD: 3,
  IQD: 3,
  JOD: 3,
  KWD: 3,
  LYD: 3,
  OMR: 3,
  TND: 3,
};

/** How many decimal digits the currency's minor unit has (JPY 0, USD 2, KWD 3). */
export function minorDigits(currency: string): number {
  return MINOR_DIGITS[currency.toUpperCase()] ?? 2;
}

const KNOWN_CURRENCIES = new Set(Intl.supportedValuesOf("currency"));

/** True for an ISO 4217 code (upper case) that money can be parsed and shown in. */
export function isKnownCurrency(code: string): boolean {
  return KNOWN_CURRENCIES.has(code);
}

/** Minor units of `amount` in `currency`, or null when parseMoney would refuse it (validation at a door). */
export function tryParseMoney(amount: string | number, currency: string): number | null {
  try {
    return parseMoney(amount, currency);
  } catch (error) {
    if (error instanceof MoneyFormatError) return null;
    throw error;
  }
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

/**
 * Minor units as Liquid's money values, which are hundredths of the currency unit for every currency (¥1,500 is
 * 150000 in `variant.price`): JPY ×100, USD as is, KWD ÷10 rounded up, so a minimum is never lowered.
 */
export function liquidCents(minor: number, currency: string): number {
  const digits = minorDigits(currency);
  return digits <= 2 ? minor * 10 ** (2 - digits) : Math.ceil(minor / 10 ** (digits - 2));
}

export type MoneyInputError = "not_an_amount" | "too_many_decimals" | "out_of_range";
export type MoneyInput = { ok: true; minor: number } | { ok: false; code: MoneyInputError; digits: number };

const FORM_AMOUNT = /^(\d+)(?:\.(\d*))?$/;

/**
 * Parses an amount a merchant typed in a form ("12.345" KWD → 12345, "1500" JPY → 1500) exactly. Unlike
 * `parseMoney` it refuses any fraction digit beyond the currency's own, even a zero, and negative amounts:
 * the form says how many decimals the currency has, so "1500.0" yen is a typing slip, not an amount.
 */
export function parseMoneyInput(text: string, currency: string): MoneyInput {
  const digits = minorDigits(currency);
  const match = FORM_AMOUNT.exec(text.trim());
  if (!match) return { ok: false, code: "not_an_amount", digits };
  const [, whole, fraction = ""] = match;
  if (fraction.length > digits) return { ok: false, code: "too_many_decimals", digits };
  const minor = Number(whole) * 10 ** digits + Number(fraction.padEnd(digits, "0") || "0");
  if (!Number.isSafeInteger(minor)) return { ok: false, code: "out_of_range", digits };
  return { ok: true, minor };
}

/** Intl's currency formatter, or null when the locale tag or currency code is malformed (Intl would throw). */
function currencyFormat(locale: string, currency: string, digits: number): Intl.NumberFormat | null {
  try {
    return new Intl.NumberFormat(locale, { style: "currency", currency, minimumFractionDigits: digits, maximumFractionDigits: digits });
  } catch {
    return locale === "en" ? null : currencyFormat("en", currency, digits);
  }
}

/**
 * Formats minor units for people in the given locale, with the currency's own digits ("$12.50", "¥1,500",
 * "KWD 12.345", "12,50 €"). The amount goes to Intl as its exact decimal string, never as a float.
 */
export function formatMoney(minor: number, currency: string, locale = "en"): string {
  const digits = minorDigits(currency);
  const decimal = toDecimalString(minor, currency);
  const format = currencyFormat(locale, currency, digits);
  if (!format) return `${decimal} ${currency}`;
  // Intl formats numeric strings exactly (ECMA-402 "Intl.NumberFormat v3"); the lib typings lag behind.
  return format.format(decimal as unknown as number);
}
