import { json } from "@remix-run/node";
import { Links, Meta, Outlet, Scripts, ScrollRestoration, useRouteLoaderData } from "@remix-run/react";
import { isRightToLeft } from "~/platform/admin-locale";
import { currentLocale, setClientLocale } from "~/platform/i18n";

// The browser's admin strings follow the page's language from the first render on: this module runs before
// any route below it (Remix imports the root route first), and the server rendered <html lang>.
if (typeof document !== "undefined") setClientLocale(document.documentElement.lang);

/** The viewer's admin locale, chosen before Remix from Shopify's `locale` parameter or the remembered cookie. */
export function loader() {
  return json({ locale: currentLocale() });
}

export function Layout({ children }: { children: React.ReactNode }) {
  const locale = useRouteLoaderData<typeof loader>("root")?.locale ?? "en";
  return (
    <html lang={locale} dir={isRightToLeft(locale) ? "rtl" : "ltr"}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width,initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body>
        {children}
        <ScrollRestoration />
        <Scripts />
      </body>
    </html>
  );
}

export default function App() {
  return <Outlet />;
}
