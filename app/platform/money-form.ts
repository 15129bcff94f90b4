// Money fields of admin forms: the merchant types a decimal in the shop's currency; one parser and one set of
// messages for every form (settings, rewards), so no form multiplies by 100.
import { t } from "~/platform/i18n";
import { minorDigits, parseMoneyInput, toDecimalString } from "~/platform/money";

export type MoneyField = { ok: true; minor: number } | { ok: false; message: string };

/** Parses a money field typed in `currency` into minor units, or the field's error in the admin's words. */
export function parseMoneyField(value: unknown, currency: string): MoneyField {
  const parsed = parseMoneyInput(typeof value === "string" ? value : "", currency);
  if (parsed.ok) return parsed;
  if (parsed.code === "too_many_decimals") {
    return {
      ok: false,
      message: parsed.digits === 0 ? t("money.no_decimals", { currency }) : t("money.too_many_decimals", { currency, digits: parsed.digits }),
    };
  }
  if (parsed.code === "out_of_range") return { ok: false, message: t("money.out_of_range") };
  return { ok: false, message: t("money.not_an_amount", { example: toDecimalString(5 * 10 ** minorDigits(currency), currency) }) };
}

/** Minor units as the form shows them: the currency's own digits, no symbol ("12.50", "1500", "12.345"). */
export const moneyFieldValue = (minor: number, currency: string) => toDecimalString(minor, currency);
