// GET <proxy root>/program (storefront: /apps/loyalist/program): the program's public description, the same for
// every shopper, so browsers and Shopify's proxy may cache it briefly.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { authenticateAppProxy } from "~/shopify/app-proxy.server";
import { errorResponse, jsonResponse } from "~/lib/http.server";
import { publicProgram } from "~/models/members.server";
import { getShop } from "~/models/shops.server";

/** Public program data may be a minute stale: settings change rarely and the widget re-reads member data anyway. */
export const PUBLIC_PROGRAM_CACHE = "public, max-age=60";

export async function loader({ request }: LoaderFunctionArgs) {
  const { shop } = await authenticateAppProxy(request);
  const record = await getShop(shop);
  if (!record) return errorResponse(401, "unknown_shop", "Loyalist is not installed on this shop");
  return jsonResponse(
    { ...publicProgram(record.program, record.currency), launcherLabel: record.program.widget.launcherLabel, primaryColor: record.program.widget.primaryColor },
    200,
    { "Cache-Control": PUBLIC_PROGRAM_CACHE },
  );
}
