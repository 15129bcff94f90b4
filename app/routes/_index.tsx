// The app's root: Shopify opens the embedded app at /app; keep the query (shop, host, id_token).
import type { LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";

export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  if (url.searchParams.get("shop")) throw redirect(`/app?${url.searchParams.toString()}`);
  return new Response("Loyalist: a loyalty and rewards app for Shopify. Install it from the Shopify App Store.", {
    headers: { "Content-Type": "text/plain; charset=utf-8" },
  });
}
