/** @jsxImportSource preact */
// pos.customer-details.action.menu-item.render: the customer screen's menu entry that opens Loyalist's modal.
import "@shopify/ui-extensions/preact";
import { render } from "preact";
import { posOf } from "./pos-host";

export default async () => {
  render(<MenuItem />, document.body);
};

function MenuItem() {
  return <s-button onClick={() => shopify.action.presentModal()}>{posOf(shopify).words.t("pos_open")}</s-button>;
}
