import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { formatMoney, liquidCents, minorDigits, MoneyFormatError, parseMoney, parseMoneyInput, toDecimalString } from "~/platform/money";

describe("minorDigits", () => {
  it("knows the currencies whose minor unit is not two digits", () => {
    expect(minorDigits("USD")).toBe(2);
    expect(minorDigits("EUR")).toBe(2);
    expect(minorDigits("JPY")).toBe(0);
    expect(minorDigits("KRW")).toBe(0);
    expect(minorDigits("KWD")).toBe(3);
    expect(minorDigits("BHD")).toBe(3);
  });

  it("ignores the case of the code", () => {
    expect(minorDigits("jpy")).toBe(0);
    expect(minorDigits("kwd")).toBe(3);
  });
});

describe("parseMoney", () => {
  it("GIVEN Shopify decimal strings in USD THEN returns exact cents", () => {
    expect(parseMoney("12.50", "USD")).toBe(1250);
    expect(parseMoney("12.5", "USD")).toBe(1250);
    expect(parseMoney("0.01", "USD")).toBe(1);
    expect(parseMoney("1000", "USD")).toBe(100_000);
    expect(parseMoney("0", "USD")).toBe(0);
    expect(parseMoney("  7.00 ", "USD")).toBe(700);
  });

  it("adds 0.1 and 0.2 exactly, unlike floating point", () => {
    expect(0.1 + 0.2).not.toBe(0.3);
    expect(parseMoney("0.1", "USD") + parseMoney("0.2", "USD")).toBe(parseMoney("0.3", "USD"));
    expect(parseMoney("1.10", "USD") * 3).toBe(330);
    expect(parseMoney("19.99", "USD")).toBe(1999); // 19.99 * 100 = 1998.9999999999998 in floats
    expect(parseMoney("1.005", "KWD")).toBe(1005);
  });

  it("accepts extra fraction digits that are zeros (12.340 USD)", () => {
    expect(parseMoney("12.340", "USD")).toBe(1234);
    expect(parseMoney("1000.00", "JPY")).toBe(1000);
    expect(parseMoney("5.0000", "KWD")).toBe(5000);
  });

  it("rejects more precision than the currency has (12.345 USD, 100.5 JPY, 1.2345 KWD)", () => {
    expect(() => parseMoney("12.345", "USD")).toThrow(MoneyFormatError);
    expect(() => parseMoney("12.3401", "USD")).toThrow(MoneyFormatError);
    expect(() => parseMoney("100.5", "JPY")).toThrow(MoneyFormatError);
    expect(() => parseMoney("1.2345", "KWD")).toThrow(MoneyFormatError);
  });

  it("rejects anything that is not a plain decimal", () => {
    for (const text of ["1e3", "1E3", "", " ", "abc", "1,000.00", "$5", "+5", ".5", "5.", "1.2.3", "0x10", "Infinity", "NaN", "--1"]) {
      expect(() => parseMoney(text, "USD"), text).toThrow(MoneyFormatError);
    }
  });

  it("parses JPY as whole yen and KWD as fils (3 digits)", () => {
    expect(parseMoney("1500", "JPY")).toBe(1500);
    expect(parseMoney("0", "JPY")).toBe(0);
    expect(parseMoney("12.345", "KWD")).toBe(12_345);
    expect(parseMoney("0.005", "KWD")).toBe(5);
    expect(parseMoney("12.3", "KWD")).toBe(12_300);
  });

  it("keeps the sign of negative amounts", () => {
    expect(parseMoney("-12.50", "USD")).toBe(-1250);
  });

  it("accepts numbers that print as plain decimals and rejects float noise", () => {
    expect(parseMoney(12.5, "USD")).toBe(1250);
    expect(parseMoney(3, "JPY")).toBe(3);
    expect(() => parseMoney(0.1 + 0.2, "USD")).toThrow(MoneyFormatError);
    expect(() => parseMoney(1e21, "USD")).toThrow(MoneyFormatError);
  });

  it("rejects amounts that cannot be held exactly", () => {
    expect(() => parseMoney("90071992547409.93", "USD")).toThrow(MoneyFormatError);
    expect(() => parseMoney("9007199254740993", "JPY")).toThrow(MoneyFormatError);
    expect(parseMoney("90071992547409.91", "USD")).toBe(Number.MAX_SAFE_INTEGER);
  });

  it("round-trips with toDecimalString for any amount (property)", () => {
    fc.assert(
      fc.property(fc.constantFrom("USD", "JPY", "KWD"), fc.integer({ min: -1e12, max: 1e12 }), (currency, minor) => {
        expect(parseMoney(toDecimalString(minor, currency), currency)).toBe(minor);
      }),
    );
  });

  it("agrees with decimal arithmetic on whole and fraction parts (property)", () => {
    fc.assert(
      fc.property(fc.nat({ max: 10_000_000 }), fc.nat({ max: 99 }), fc.nat({ max: 4 }), (whole, cents, trailingZeros) => {
        const text = `${whole}.${String(cents).padStart(2, "0")}${"0".repeat(trailingZeros)}`;
        expect(parseMoney(text, "USD")).toBe(whole * 100 + cents);
      }),
    );
  });
});

describe("toDecimalString", () => {
  it("renders minor units the way Shopify writes them", () => {
    expect(toDecimalString(1250, "USD")).toBe("12.50");
    expect(toDecimalString(5, "USD")).toBe("0.05");
    expect(toDecimalString(-1250, "USD")).toBe("-12.50");
    expect(toDecimalString(1500, "JPY")).toBe("1500");
    expect(toDecimalString(12_345, "KWD")).toBe("12.345");
    expect(toDecimalString(5, "KWD")).toBe("0.005");
  });
});

describe("formatMoney", () => {
  it("formats for people with the currency's digits", () => {
    expect(formatMoney(1250, "USD", "en-US")).toBe("$12.50");
    expect(formatMoney(1500, "JPY", "en-US")).toBe("¥1,500");
    expect(formatMoney(12_345, "KWD", "en-US")).toMatch(/KWD\s?12\.345/);
    expect(formatMoney(1250, "EUR", "de-DE")).toBe("12,50\u00a0€");
  });
});

describe("parseMoneyInput (what merchants type in forms)", () => {
  const currencies = fc.constantFrom("USD", "JPY", "KWD", "EUR", "BHD", "KRW");

  it("round-trips with toDecimalString for every amount in currencies of 0, 2 and 3 decimals (property)", () => {
    fc.assert(
      fc.property(currencies, fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }), (currency, minor) => {
        expect(parseMoneyInput(toDecimalString(minor, currency), currency)).toEqual({ ok: true, minor });
      }),
    );
  });

  it("reads whole and fraction digits exactly, short fractions padded (property)", () => {
    fc.assert(
      fc.property(currencies, fc.nat({ max: 1e9 }), fc.nat({ max: 3 }), fc.nat({ max: 999 }), (currency, whole, length, fractionSeed) => {
        const digits = minorDigits(currency);
        const fractionLength = Math.min(length, digits);
        const fraction = String(fractionSeed).padStart(3, "0").slice(0, fractionLength);
        const text = fractionLength ? `${whole}.${fraction}` : String(whole);
        const expected = whole * 10 ** digits + Number(fraction.padEnd(digits, "0") || "0");
        expect(parseMoneyInput(text, currency)).toEqual({ ok: true, minor: expected });
      }),
    );
  });

  it("refuses any digit beyond the currency's own, zeros included (property)", () => {
    fc.assert(
      fc.property(currencies, fc.nat({ max: 1e6 }), fc.stringMatching(/^\d{1,3}$/), (currency, whole, extra) => {
        const digits = minorDigits(currency);
        const text = `${whole}.${"0".repeat(digits)}${extra}`;
        expect(parseMoneyInput(text, currency)).toEqual({ ok: false, code: "too_many_decimals", digits });
      }),
    );
  });

  it("refuses what is not a plain decimal", () => {
    for (const text of ["", " ", "-5", "1,000.00", "1e3", "NaN", ".5", "١٢", "$5", "5 5"]) {
      expect(parseMoneyInput(text, "USD"), text).toMatchObject({ ok: false, code: "not_an_amount" });
    }
    // A trailing point is a harmless slip: "12." reads as 12.
    expect(parseMoneyInput("12.", "USD")).toEqual({ ok: true, minor: 1200 });
    expect(parseMoneyInput(" 12.345 ", "KWD")).toEqual({ ok: true, minor: 12_345 });
    expect(parseMoneyInput("90071992547409.92", "USD")).toMatchObject({ ok: false, code: "out_of_range" });
  });
});

describe("formatMoney with the currency's own digits", () => {
  it("formats exactly, even beyond float precision, in the viewer's locale", () => {
    expect(formatMoney(Number.MAX_SAFE_INTEGER, "KWD", "en-US")).toMatch(/9,007,199,254,740\.991/);
    expect(formatMoney(150_000, "JPY", "ja-JP")).toBe("￥150,000");
    expect(formatMoney(12_345, "KWD", "ar")).toContain("12.345");
    expect(formatMoney(1250, "EUR", "fi")).toBe("12,50\u00a0€");
  });

  it("falls back instead of throwing for an odd locale tag or an unknown currency", () => {
    expect(formatMoney(1250, "USD", "not a locale")).toBe("$12.50");
    expect(formatMoney(1250, "ZZZ1", "en")).toBe("12.50 ZZZ1");
  });

  it("shows as many fraction digits as the currency has (property)", () => {
    fc.assert(
      fc.property(fc.constantFrom("USD", "JPY", "KWD"), fc.integer({ min: 0, max: 1e12 }), (currency, minor) => {
        const text = formatMoney(minor, currency, "en-US");
        const fraction = /\.(\d+)/.exec(text)?.[1] ?? "";
        expect(fraction.length).toBe(minorDigits(currency));
        expect(text.replace(/[^\d]/g, "")).toBe(String(minor).padStart(minorDigits(currency) + 1, "0"));
      }),
    );
  });
});

describe("liquidCents (the theme's money unit)", () => {
  it("turns minor units into Liquid's hundredths for 0, 2 and 3 decimal currencies", () => {
    expect(liquidCents(1500, "JPY")).toBe(150_000);
    expect(liquidCents(1250, "USD")).toBe(1250);
    expect(liquidCents(5250, "KWD")).toBe(525);
    expect(liquidCents(5255, "KWD")).toBe(526);
  });
});
