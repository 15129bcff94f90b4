// An order as the merchant knows it ("#1001"), linked to its page in the Shopify admin. App Bridge opens
// shopify://admin/ links in the admin itself; target _top leaves the app's frame (shopify.dev, App Bridge navigation).
import { Link } from "@shopify/polaris";

/** The Shopify admin URL of an order, from its numeric id or its gid. */
export const adminOrderUrl = (orderId: string) => `shopify://admin/orders/${orderId.replace(/^gid:\/\/shopify\/Order\//, "")}`;

/** The order's name when the app has seen the order, else its id with a "#", linked to the order in the admin. */
export function OrderLink({ orderId, name }: { orderId: string; name?: string | null }) {
  return (
    <Link url={adminOrderUrl(orderId)} target="_top" removeUnderline>
      {name || `#${orderId.replace(/^gid:\/\/shopify\/Order\//, "")}`}
    </Link>
  );
}
