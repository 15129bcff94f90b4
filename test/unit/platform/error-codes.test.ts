// Codes inside, words at the edge: every error code has one status and a sentence in every shopper locale
// (en, zh-CN, fi, ar) and in the admin's English; a code without text fails here, not in front of a shopper.
import { describe, expect, it } from "vitest";
import { ERROR_STATUS, failure, statusFor, type ErrorCode } from "~/platform/errors";
import { adminErrorMessage, shopperErrorResponse } from "~/platform/error-response.server";
import { SHOPPER_LOCALES, shopperLocale, shopperText } from "~/platform/shopper-i18n";
import { t } from "~/platform/i18n";

const CODES = Object.keys(ERROR_STATUS) as ErrorCode[];

describe("error code → HTTP status", () => {
  it("maps every code to a client or upstream error status", () => {
    for (const code of CODES) expect(statusFor(code), code).toBeGreaterThanOrEqual(400);
    for (const code of CODES) expect(statusFor(code), code).toBeLessThan(600);
  });

  it("answers the statuses the storefront contract names", () => {
    expect(statusFor("insufficient_points")).toBe(422);
    expect(statusFor("limit_reached")).toBe(409);
    expect(statusFor("invalid_request")).toBe(400);
    expect(statusFor("not_signed_in")).toBe(401);
    expect(statusFor("reward_not_found")).toBe(404);
    expect(statusFor("rate_limited")).toBe(429);
    expect(statusFor("reward_failed")).toBe(502);
    expect(statusFor("shopify_unavailable")).toBe(503);
  });

  it("treats a code it does not know as a refused request, not a server error", () => {
    expect(statusFor("something_new")).toBe(400);
  });
});

describe("error messages", () => {
  it.each(SHOPPER_LOCALES)("has a shopper sentence for every code in %s", (locale) => {
    for (const code of CODES) {
      const text = shopperText(locale, code);
      expect(text, `${locale} ${code}`).not.toBe(code);
      expect(text.length, `${locale} ${code}`).toBeGreaterThan(3);
    }
  });

  it("says each code differently in each language (no English left in a translation)", () => {
    for (const code of CODES) {
      const english = shopperText("en", code);
      for (const locale of ["zh-CN", "fi", "ar"] as const) expect(shopperText(locale, code), `${locale} ${code}`).not.toBe(english);
    }
  });

  it("has an admin sentence for every code", () => {
    for (const code of CODES) expect(t(`errors.${code}`), code).not.toBe(`errors.${code}`);
    expect(adminErrorMessage(failure("not_returnable"))).toBe(t("errors.not_returnable"));
  });

  it("answers { error: { code, message } } with the code's status, the message in the shopper's language and the data beside it", async () => {
    // GIVEN a refusal with data WHEN it is answered to a Finnish shopper
    const response = shopperErrorResponse("fi", failure("insufficient_points", { needed: 100, balance: 40 }));
    // THEN
    expect(response.status).toBe(422);
    expect(response.headers.get("cache-control")).toBe("private, no-store");
    await expect(response.json()).resolves.toEqual({
      error: { code: "insufficient_points", message: shopperText("fi", "insufficient_points"), needed: 100, balance: 40 },
    });
  });
});

describe("shopper locale", () => {
  it("picks the supported locale closest to the one asked for", () => {
    expect(shopperLocale("fi")).toBe("fi");
    expect(shopperLocale("fi-FI")).toBe("fi");
    expect(shopperLocale("AR")).toBe("ar");
    expect(shopperLocale("ar-EG")).toBe("ar");
    expect(shopperLocale("zh")).toBe("zh-CN");
    expect(shopperLocale("zh-cn")).toBe("zh-CN");
    expect(shopperLocale("de")).toBe("en");
    expect(shopperLocale("de", "fi")).toBe("fi");
    expect(shopperLocale(null)).toBe("en");
  });
});
