// Which of the admin's languages a request is in. Shopify opens the embedded admin with its staff member's
// `locale` query parameter ("fi", "fi-FI", "zh-CN", "ar"); later navigations and fetches inside the app carry
// no such parameter, so the choice is remembered in a cookie (docs/decisions/036-admin-locales.md).

export const ADMIN_LOCALES = ["en", "zh-CN", "fi", "ar"] as const;
export type AdminLocale = (typeof ADMIN_LOCALES)[number];

export const ADMIN_LOCALE_COOKIE = "loyalist_admin_locale";

/** The supported admin locale nearest to a requested tag ("fi-FI" → fi, "zh", "zh-Hans-CN" → zh-CN), else null. */
export function nearestAdminLocale(requested: string | null | undefined): AdminLocale | null {
  const tag = (requested ?? "").trim().toLowerCase().replace(/_/g, "-");
  if (!tag || tag.length > 35) return null;
  const exact = ADMIN_LOCALES.find((l) => l.toLowerCase() === tag);
  if (exact) return exact;
  const language = tag.split("-")[0];
  if (language === "zh") return "zh-CN";
  return ADMIN_LOCALES.find((l) => l === language) ?? null;
}

/** The supported admin locale for any value, English when it is not one. */
export function adminLocaleOf(value: string | null | undefined): AdminLocale {
  return nearestAdminLocale(value) ?? "en";
}

/** Whether the locale is written right to left (Arabic). */
export function isRightToLeft(locale: AdminLocale): boolean {
  return locale === "ar";
}

/**
 * The tag numbers, dates and money are formatted with. Arabic keeps Western digits, as the Shopify admin in
 * Arabic does for prices and order numbers; the others are Intl's defaults for the language.
 */
export function intlLocale(locale: AdminLocale): string {
  return locale === "ar" ? "ar-u-nu-latn" : locale;
}

/** Whether a path is the embedded admin's (/app and below), the only requests whose language is remembered. */
export function isAdminPath(pathname: string): boolean {
  return pathname === "/app" || pathname.startsWith("/app/");
}

function readCookie(header: string | null | undefined, name: string): string | undefined {
  for (const part of (header ?? "").split(";")) {
    const [key, ...rest] = part.trim().split("=");
    if (key === name) return decodeURIComponent(rest.join("="));
  }
  return undefined;
}

/**
 * An admin request's locale: Shopify's `locale` parameter when it names a supported language, else the one
 * remembered in the cookie, else English. `remember` is the Set-Cookie value to answer with when the
 * parameter chose a language the cookie does not hold yet.
 */
export function requestAdminLocale(
  url: URL,
  cookieHeader: string | null | undefined,
  options: { secure: boolean },
): { locale: AdminLocale; remember?: string } {
  const remembered = nearestAdminLocale(readCookie(cookieHeader, ADMIN_LOCALE_COOKIE));
  const param = url.searchParams.get("locale");
  const chosen = param === null ? null : adminLocaleOf(param);
  if (!chosen) return { locale: remembered ?? "en" };
  if (chosen === remembered) return { locale: chosen };
  // The admin is a cross-site iframe in production: the cookie must be SameSite=None (Secure, partitioned per
  // top-level site as browsers now require); plain http (the sandbox, tests) can only use Lax.
  const attributes = options.secure ? "SameSite=None; Secure; Partitioned" : "SameSite=Lax";
  return { locale: chosen, remember: `${ADMIN_LOCALE_COOKIE}=${encodeURIComponent(chosen)}; Path=/app; Max-Age=31536000; HttpOnly; ${attributes}` };
}
