// The embedded admin's layout: authenticates every /app request and provides Polaris + App Bridge.
import type { HeadersFunction, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, Outlet, useLoaderData, useRouteError } from "@remix-run/react";
import { boundary } from "@shopify/shopify-app-remix/server";
import { AdminProvider } from "~/components/AdminProvider";
import { NavigationSkeleton } from "~/components/NavigationSkeleton";
import { currentLocale, t } from "~/platform/i18n";
import { NavMenu } from "@shopify/app-bridge-react";
import polarisStyles from "@shopify/polaris/build/esm/styles.css";
import rtlStyles from "~/components/rtl.css";
import { authenticate } from "~/shopify.server";
import { env } from "~/platform/env.server";

export const links = () => [
  { rel: "stylesheet", href: polarisStyles },
  { rel: "stylesheet", href: rtlStyles },
];

export async function loader({ request }: LoaderFunctionArgs) {
  await authenticate.admin(request);
  const config = env();
  return json({ apiKey: config.SHOPIFY_API_KEY, appBridgeUrl: config.APP_BRIDGE_URL || undefined, locale: currentLocale() });
}

export default function AppLayout() {
  const { apiKey, appBridgeUrl, locale } = useLoaderData<typeof loader>();
  return (
    <AdminProvider apiKey={apiKey} appBridgeUrl={appBridgeUrl} locale={locale}>
      <NavMenu>
        <Link to="/app" rel="home">
          {t("nav.home")}
        </Link>
        <Link to="/app/members">{t("nav.members")}</Link>
        <Link to="/app/rewards">{t("nav.rewards")}</Link>
        <Link to="/app/actions">{t("nav.actions")}</Link>
        <Link to="/app/tiers">{t("nav.tiers")}</Link>
        <Link to="/app/redemptions">{t("nav.redemptions")}</Link>
        <Link to="/app/fulfilment">{t("nav.fulfilment")}</Link>
        <Link to="/app/donations">{t("nav.donations")}</Link>
        <Link to="/app/referrals">{t("nav.referrals")}</Link>
        <Link to="/app/activity">{t("nav.activity")}</Link>
        <Link to="/app/insights">{t("nav.insights")}</Link>
        <Link to="/app/settings">{t("nav.settings")}</Link>
        <Link to="/app/import">{t("nav.import")}</Link>
        <Link to="/app/jobs">{t("nav.jobs")}</Link>
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
