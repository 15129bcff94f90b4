// Polaris + App Bridge for the embedded admin. Equivalent to AppProvider from @shopify/shopify-app-remix/react,
// whose JSON import attribute the Remix classic compiler cannot parse; the App Bridge URL is configurable
// so the offline sandbox can serve its stand-in (docs/decisions/007-shopify-emulator.md).
import { useEffect, type ReactNode } from "react";
import { Link, useNavigate } from "@remix-run/react";
import { AppProvider as PolarisAppProvider } from "@shopify/polaris";
import type { LinkLikeComponentProps } from "@shopify/polaris/build/ts/src/utilities/link";
import englishI18n from "@shopify/polaris/locales/en.json";
import finnishI18n from "@shopify/polaris/locales/fi.json";
import chineseI18n from "@shopify/polaris/locales/zh-CN.json";
import arabicI18n from "~/locales/polaris/ar.json";
import type { AdminLocale } from "~/platform/admin-locale";

// Polaris's own words (pagination, filters, table selection...) in the admin's locale. Polaris ships no Arabic,
// so ar is the project's translation; Polaris takes the first dictionary's text and the next ones' for what it
// lacks, so English fills any gap.
const POLARIS_I18N: Record<AdminLocale, (typeof englishI18n)[]> = {
  en: [englishI18n],
  fi: [finnishI18n, englishI18n],
  "zh-CN": [chineseI18n, englishI18n],
  ar: [arabicI18n as typeof englishI18n, englishI18n],
};

export const APP_BRIDGE_CDN_URL = "https://cdn.shopify.com/shopifycloud/app-bridge.js";

function PolarisLink({ url, children, external, ...rest }: LinkLikeComponentProps) {
  if (external || /^https?:/.test(url)) {
    return (
      <a href={url} target="_blank" rel="noopener noreferrer" {...rest}>
        {children}
      </a>
    );
  }
  // The Shopify admin's own pages (shopify://admin/orders/1): App Bridge handles the click, not Remix's router.
  if (/^shopify:/.test(url)) {
    return (
      <a href={url} {...rest}>
        {children}
      </a>
    );
  }
  return (
    <Link to={url} {...rest}>
      {children}
    </Link>
  );
}

export function AdminProvider({
  apiKey,
  appBridgeUrl,
  locale = "en",
  children,
}: {
  apiKey: string;
  appBridgeUrl?: string;
  locale?: AdminLocale;
  children: ReactNode;
}) {
  const navigate = useNavigate();
  useEffect(() => {
    // App Bridge's navigation menu dispatches shopify:navigate; route it through Remix.
    const onNavigate = (event: Event) => {
      const href = (event.target as HTMLElement | null)?.getAttribute("href");
      if (href) navigate(href);
    };
    addEventListener("shopify:navigate", onNavigate);
    return () => removeEventListener("shopify:navigate", onNavigate);
  }, [navigate]);
  return (
    <>
      <script src={appBridgeUrl || APP_BRIDGE_CDN_URL} data-api-key={apiKey} />
      <PolarisAppProvider i18n={POLARIS_I18N[locale]} linkComponent={PolarisLink}>
        {children}
      </PolarisAppProvider>
    </>
  );
}
