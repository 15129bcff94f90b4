/** @jsxImportSource preact */
// purchase.thank-you.block.render: the points the order just placed earns, right after checkout.
import "@shopify/ui-extensions/preact";
import { render } from "preact";
import { numericId } from "../../shared/loyalist-api";
import { OrderPoints } from "../../shared/order-points";
import { wordsOf } from "../../shared/words";

export default async () => {
  render(<ThankYouBlock />, document.body);
};

function ThankYouBlock() {
  const locale = shopify.localization.language.value.isoCode;
  const orderId = numericId(shopify.orderConfirmation.value?.order?.id);
  const signedIn = Boolean(shopify.buyerIdentity?.customer?.value?.id);
  return (
    <OrderPoints
      path={orderId ? `/api/checkout/orders/${orderId}` : null}
      signedIn={signedIn}
      token={() => shopify.sessionToken.get()}
      locale={locale}
      words={wordsOf(shopify.i18n, locale)}
    />
  );
}
