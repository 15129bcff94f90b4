/** @jsxImportSource preact */
// customer-account.order-status.block.render: what a past order earned, on its order-status page.
import "@shopify/ui-extensions/preact";
import { render } from "preact";
import { numericId } from "../../shared/loyalist-api";
import { OrderPoints } from "../../shared/order-points";
import { wordsOf } from "../../shared/words";

export default async () => {
  render(<OrderStatusBlock />, document.body);
};

function OrderStatusBlock() {
  const locale = shopify.localization.language.value.isoCode;
  const orderId = numericId(shopify.order.value?.id);
  return (
    <OrderPoints
      path={orderId ? `/api/customer-account/orders/${orderId}` : null}
      signedIn
      token={() => shopify.sessionToken.get()}
      locale={locale}
      words={wordsOf(shopify.i18n, locale)}
    />
  );
}
