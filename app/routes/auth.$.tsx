// /auth/*: Shopify's auth paths (session-token bounce, exit iframe), handled by the library; bad or untrusted
// parameters answer 400 (see withAuthFailuresAs4xx). /auth/login has its own route.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { authenticate } from "~/shopify.server";

export async function loader({ request }: LoaderFunctionArgs) {
  await authenticate.admin(request);
  return null;
}
