// What the customer-account and checkout extensions read from their host, in one place: the session token and
// the viewer's language (`shopify.localization`, as Shopify documents it for these targets).
export type HostSignal<T> = { value: T };
export type CustomerAccountHost = {
  sessionToken: { get(): Promise<string> };
  localization: { language: HostSignal<{ isoCode: string }> };
};

/** The viewer's language tag ("en", "ar", "zh-CN"), for the app's answers. */
export function hostLocale(host: CustomerAccountHost): string {
  return host.localization.language.value?.isoCode ?? "en";
}
