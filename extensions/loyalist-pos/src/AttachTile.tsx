/** @jsxImportSource preact */
// pos.home.tile.render: while the cart has no customer, the tile asks staff to attach one, so the sale earns points.
import "@shopify/ui-extensions/preact";
import { render } from "preact";
import { posOf } from "./pos-host";

export default async () => {
  render(<AttachTile />, document.body);
};

function AttachTile() {
  const { words } = posOf(shopify);
  // Reading the cart signal here re-renders the tile when a customer is attached or removed.
  const attached = Boolean(shopify.cart.current.value.customer);
  return (
    <s-tile
      heading={words.t("pos_title")}
      subheading={attached ? words.t("pos_tile_attached") : words.t("pos_tile_attach")}
      disabled={attached}
      onClick={() => shopify.action.presentModal()}
    />
  );
}
