// The admin in the merchant's language: Shopify's `locale` parameter picks one of en, zh-CN, fi, ar (remembered
// in a cookie for later navigations), t() reads it from the request without call sites passing it, English
// fills whatever a translation lacks, and numbers, dates and money follow it.
import { describe, expect, it } from "vitest";
import { ADMIN_LOCALE_COOKIE, adminLocaleOf, intlLocale, isAdminPath, isRightToLeft, nearestAdminLocale, requestAdminLocale } from "~/platform/admin-locale";
import { currentLocale, hasMessage, t, translateWith } from "~/platform/i18n";
import { runInRequest } from "~/platform/request-context";
import { adminErrorMessage } from "~/platform/error-response.server";
import { failure } from "~/platform/errors";
import { formatDate, formatMoney, formatNumber, formatPercent } from "~/components/format";

const url = (query: string) => new URL(`https://app.example/app${query}`);

describe("choosing the admin locale", () => {
  it("maps Shopify's locale tags to the nearest supported language", () => {
    expect(nearestAdminLocale("fi-FI")).toBe("fi");
    expect(nearestAdminLocale("fi")).toBe("fi");
    expect(nearestAdminLocale("zh-CN")).toBe("zh-CN");
    expect(nearestAdminLocale("zh")).toBe("zh-CN");
    expect(nearestAdminLocale("zh-Hans-CN")).toBe("zh-CN");
    expect(nearestAdminLocale("zh_TW")).toBe("zh-CN");
    expect(nearestAdminLocale("ar-EG")).toBe("ar");
    expect(nearestAdminLocale("AR")).toBe("ar");
    expect(nearestAdminLocale("en-GB")).toBe("en");
    expect(nearestAdminLocale("de-DE")).toBeNull();
    expect(nearestAdminLocale("")).toBeNull();
    expect(adminLocaleOf("pt-BR")).toBe("en");
    expect(adminLocaleOf(undefined)).toBe("en");
  });

  it("writes Arabic right to left with Western digits, the others left to right", () => {
    expect(isRightToLeft("ar")).toBe(true);
    expect(["en", "fi", "zh-CN"].map((l) => isRightToLeft(l as "en"))).toEqual([false, false, false]);
    expect(intlLocale("ar")).toBe("ar-u-nu-latn");
    expect(intlLocale("fi")).toBe("fi");
  });

  it("remembers the parameter's language in a cookie and uses it when later requests carry none", () => {
    const first = requestAdminLocale(url("?embedded=1&locale=fi-FI"), undefined, { secure: true });
    expect(first.locale).toBe("fi");
    expect(first.remember).toBe(`${ADMIN_LOCALE_COOKIE}=fi; Path=/app; Max-Age=31536000; HttpOnly; SameSite=None; Secure; Partitioned`);

    const cookie = first.remember!.split(";")[0];
    expect(requestAdminLocale(url("/members?_data=routes%2Fapp.members._index"), `other=1; ${cookie}`, { secure: true })).toEqual({ locale: "fi" });
    // The same language again needs no new cookie; a new one replaces it
    expect(requestAdminLocale(url("?locale=fi"), cookie, { secure: true })).toEqual({ locale: "fi" });
    const next = requestAdminLocale(url("?locale=ar"), cookie, { secure: true });
    expect(next.locale).toBe("ar");
    expect(next.remember).toMatch(new RegExp(`^${ADMIN_LOCALE_COOKIE}=ar;`));
  });

  it("uses English for an unsupported or missing language and a tampered cookie", () => {
    expect(requestAdminLocale(url("?locale=de"), undefined, { secure: true }).locale).toBe("en");
    expect(requestAdminLocale(url(""), undefined, { secure: true })).toEqual({ locale: "en" });
    expect(requestAdminLocale(url(""), `${ADMIN_LOCALE_COOKIE}=%3Cscript%3E`, { secure: true })).toEqual({ locale: "en" });
    // Over plain http (the sandbox) the cookie cannot be SameSite=None
    expect(requestAdminLocale(url("?locale=zh-CN"), undefined, { secure: false }).remember).toMatch(/SameSite=Lax$/);
  });

  it("applies only to the embedded admin's paths", () => {
    expect(isAdminPath("/app")).toBe(true);
    expect(isAdminPath("/app/members/3")).toBe(true);
    expect(isAdminPath("/apps/loyalist/member")).toBe(false);
    expect(isAdminPath("/proxy/member")).toBe(false);
    expect(isAdminPath("/webhooks/orders/paid")).toBe(false);
  });
});

describe("t() in the request's locale", () => {
  it("answers English outside a request and in the locale of the request it runs in", async () => {
    expect(currentLocale()).toBe("en");
    expect(t("nav.members")).toBe("Members");
    expect(runInRequest("req-fi-0001", () => t("nav.members"), "fi")).toBe("Jäsenet");
    expect(runInRequest("req-ar-0001", () => t("nav.members"), "ar")).toBe("الأعضاء");
    expect(runInRequest("req-zh-0001", () => t("nav.members"), "zh-CN")).toBe("会员");
    // across awaits, as in a loader
    const later = await runInRequest(
      "req-fi-0002",
      async () => {
        await new Promise((resolve) => setTimeout(resolve, 1));
        return t("common.points", { points: 5 });
      },
      "fi",
    );
    expect(later).toBe("5 pistettä");
    // an explicit locale still wins
    expect(runInRequest("req-fi-0003", () => t("nav.members", {}, "zh-CN"), "fi")).toBe("会员");
  });

  it("keeps placeholders and words the admin's error answers in the request's locale", () => {
    expect(runInRequest("req-fi-0004", () => t("import.previewBody", { valid: 2, total: 3, points: 40 }), "fi")).toBe(
      "2/3 riviä on valmiina: 40 pistettä 2 jäsenelle.",
    );
    expect(runInRequest("req-ar-0002", () => adminErrorMessage(failure("not_found")), "ar")).toBe("غير موجود: ربما تمت إزالته.");
  });

  it("falls back to English for a key a translation lacks, and to the key when English lacks it too", () => {
    const english = { members: { title: "Members", added: "Added {count}" } };
    const finnish = { members: { title: "Jäsenet" } };
    expect(translateWith(finnish, english, "members.title")).toBe("Jäsenet");
    expect(translateWith(finnish, english, "members.added", { count: 3 })).toBe("Added 3");
    expect(translateWith(finnish, english, "members.nothing")).toBe("members.nothing");
    expect(hasMessage("nav.members", "ar")).toBe(true);
    expect(hasMessage("nav.nothing", "ar")).toBe(false);
  });
});

describe("numbers, dates and money in the request's locale", () => {
  const iso = "2026-03-05T12:00:00Z";
  it("formats them for English outside a request", () => {
    expect(formatNumber(1234567)).toBe("1,234,567");
    expect(formatDate(iso)).toBe("Mar 5, 2026");
    expect(formatMoney(123456, "USD")).toBe("$1,234.56");
    expect(formatPercent(0.125)).toBe("12.5%");
  });

  it("formats them for Finnish, Chinese and Arabic admins", () => {
    const inLocale = (locale: "fi" | "zh-CN" | "ar") =>
      runInRequest(`req-${locale}-fmt1`, () => [formatNumber(1234567), formatDate(iso), formatMoney(123456, "EUR"), formatPercent(0.125)], locale);
    const [fiNumber, fiDate, fiMoney, fiPercent] = inLocale("fi");
    expect(fiNumber).toBe("1\u00a0234\u00a0567");
    expect(fiDate).toBe("5.3.2026");
    expect(fiMoney).toBe("1\u00a0234,56\u00a0€");
    expect(fiPercent).toBe("12,5\u00a0%");
    const [zhNumber, zhDate, zhMoney] = inLocale("zh-CN");
    expect(zhNumber).toBe("1,234,567");
    expect(zhDate).toBe("2026年3月5日");
    expect(zhMoney).toBe("€1,234.56");
    const [arNumber, arDate, arMoney] = inLocale("ar");
    expect(arNumber).toBe("1,234,567");
    expect(arDate).toContain("مارس");
    expect(arDate).toContain("2026");
    expect(arMoney).toContain("1,234.56");
    expect(arMoney).toContain("€");
  });

  it("keeps money exact in every locale (integer minor units, the currency's own digits)", () => {
    expect(runInRequest("req-fi-fmt2", () => formatMoney(1500, "JPY"), "fi")).toBe("1\u00a0500\u00a0¥");
    expect(runInRequest("req-ar-fmt2", () => formatMoney(12345, "KWD"), "ar")).toContain("12.345");
    expect(runInRequest("req-zh-fmt2", () => formatMoney(9007199254740991, "USD"), "zh-CN")).toBe("US$90,071,992,547,409.91");
  });
});
