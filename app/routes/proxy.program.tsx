// GET <proxy root>/program (storefront: /apps/loyalist/program): the program's public description, the same for
// every shopper, so browsers and Shopify's proxy may cache it briefly.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { authenticateAppProxy } from "~/platform/shopify/app-proxy.server";
import { jsonResponse } from "~/platform/http.server";
import { inShopperLanguage, shopperErrorResponse } from "~/platform/error-response.server";
import { failure } from "~/platform/errors";
import type { ProgramResponse } from "~/members/contract";
import { publicProgram } from "~/members/members.server";
import { getShop } from "~/shops/shops.server";
import { publicActions } from "~/actions/actions.server";
import prisma from "~/db.server";
import { publicTiers } from "~/tiers/tiers.server";
import { publicReferral } from "~/referrals/referrals.server";

/** Public program data may be a minute stale: settings change rarely and the widget re-reads member data anyway. */
export const PUBLIC_PROGRAM_CACHE = "public, max-age=60";

export async function loader({ request }: LoaderFunctionArgs) {
  return inShopperLanguage(request, async (locale) => {
    const { shop } = await authenticateAppProxy(request);
    const record = await getShop(shop);
    if (!record) return shopperErrorResponse(locale, failure("unknown_shop"));
    const body: ProgramResponse = {
      ...publicProgram(record.program, record.currency),
      launcherLabel: record.program.widget.launcherLabel,
      primaryColor: record.program.widget.primaryColor,
      actions: await publicActions(shop),
      tiers: await publicTiers(prisma, shop),
      referral: await publicReferral(shop),
    };
    return jsonResponse(body, 200, { "Cache-Control": PUBLIC_PROGRAM_CACHE });
  });
}
