// Polaris + App Bridge for the embedded admin. Equivalent to AppProvider from @shopify/shopify-app-remix/react,
// whose JSON import attribute the Remix classic compiler cannot parse; the App Bridge URL is configurable
// so the offline sandbox can serve its stand-in (docs/decisions/007-shopify-emulator.md).
import { useEffect, type ReactNode } from "react";
import { Link, useNavigate } from "@remix-run/react";
import { AppProvider as PolarisAppProvider } from "@shopify/polaris";
import type { LinkLikeComponentProps } from "@shopify/polaris/build/ts/src/utilities/link";
import englishI18n from "@shopify/polaris/locales/en.json";

export const APP_BRIDGE_CDN_URL = "https://cdn.shopify.com/shopifycloud/app-bridge.js";

function PolarisLink({ url, children, external, ...rest }: LinkLikeComponentProps) {
  if (external || /^https?:/.test(url)) {
    return (
      <a href={url} target="_blank" rel="noopener noreferrer" {...rest}>
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

export function AdminProvider({ apiKey, appBridgeUrl, children }: { apiKey: string; appBridgeUrl?: string; children: ReactNode }) {
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
      <PolarisAppProvider i18n={englishI18n} linkComponent={PolarisLink}>
        {children}
      </PolarisAppProvider>
    </>
  );
}
