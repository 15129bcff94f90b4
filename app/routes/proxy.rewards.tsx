// GET <proxy root>/rewards (storefront: /apps/loyalist/rewards): the rewards the shopper can spend points on,
// named in their `locale`. With `cartSubtotal` (minor units) and `cartProducts` (product ids, comma-separated),
// each reward also says whether its code would apply to that cart and why not.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { authenticateAppProxy } from "~/platform/shopify/app-proxy.server";
import { jsonResponse } from "~/platform/http.server";
import { inShopperLanguage } from "~/platform/error-response.server";
import { storefrontRewards, type ShopperCart } from "~/rewards/rewards.server";

const cartSchema = z.object({
  cartSubtotal: z.coerce.number().int().min(0).max(10_000_000_000),
  cartProducts: z
    .string()
    .max(2000)
    .transform((list) => list.split(",").filter((id) => /^[1-9]\d{0,18}$/.test(id)))
    .default(""),
});

/** The cart the widget read, when it sent one (an unreadable one is ignored: the list is still useful). */
function shopperCart(request: Request): ShopperCart | undefined {
  const query = new URL(request.url).searchParams;
  if (!query.has("cartSubtotal")) return undefined;
  const parsed = cartSchema.safeParse({ cartSubtotal: query.get("cartSubtotal"), cartProducts: query.get("cartProducts") ?? undefined });
  return parsed.success ? { subtotalMinor: parsed.data.cartSubtotal, productIds: parsed.data.cartProducts.slice(0, 100) } : undefined;
}

export async function loader({ request }: LoaderFunctionArgs) {
  return inShopperLanguage(request, async (locale) => {
    const { shop, customerId } = await authenticateAppProxy(request);
    return jsonResponse(await storefrontRewards(shop, customerId, locale, new Date(), shopperCart(request)), 200, { "Cache-Control": "private, no-store" });
  });
}
