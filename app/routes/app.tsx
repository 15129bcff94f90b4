// The embedded admin's layout: authenticates every /app request and provides Polaris + App Bridge.
import type { HeadersFunction, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, Outlet, useLoaderData, useRouteError } from "@remix-run/react";
import { boundary } from "@shopify/shopify-app-remix/server";
import { AdminProvider } from "~/components/AdminProvider";
import { NavigationSkeleton } from "~/components/NavigationSkeleton";
import { t } from "~/lib/i18n";
import { NavMenu } from "@shopify/app-bridge-react";
import polarisStyles from "@shopify/polaris/build/esm/styles.css";
import { authenticate } from "~/shopify.server";
import { env } from "~/env.server";

export const links = () => [{ rel: "stylesheet", href: polarisStyles }];

export async function loader({ request }: LoaderFunctionArgs) {
  await authenticate.admin(request);
  const config = env();
  return json({ apiKey: config.SHOPIFY_API_KEY, appBridgeUrl: config.APP_BRIDGE_URL || undefined });
}

export default function AppLayout() {
  const { apiKey, appBridgeUrl } = useLoaderData<typeof loader>();
  return (
    <AdminProvider apiKey={apiKey} appBridgeUrl={appBridgeUrl}>
      <NavMenu>
        <Link to="/app" rel="home">
          {t("nav.home")}
        </Link>
        <Link to="/app/members">{t("nav.members")}</Link>
        <Link to="/app/rewards">Rewards</Link>
        <Link to="/app/redemptions">Redemptions</Link>
        <Link to="/app/donations">Donations</Link>
        <Link to="/app/activity">{t("nav.activity")}</Link>
        <Link to="/app/settings">{t("nav.settings")}</Link>
        <Link to="/app/import">{t("nav.import")}</Link>
      </NavMenu>
      <NavigationSkeleton>
        <Outlet />
      </NavigationSkeleton>
    </AdminProvider>
  );
}

// Shopify needs Remix to catch thrown responses so its headers reach the browser (template behaviour).
export function ErrorBoundary() {
  return boundary.error(useRouteError());
}

export const headers: HeadersFunction = (headersArgs) => boundary.headers(headersArgs);
