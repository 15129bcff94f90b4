/** @jsxImportSource preact */
// pos.home.modal.render: find the customer by email and attach them to the cart, so the sale is captured.
import "@shopify/ui-extensions/preact";
import { render } from "preact";
import { useState } from "preact/hooks";
import type { PosCustomerLookup } from "../../../app/members/contract";
import { posOf } from "./pos-host";

export default async () => {
  render(<AttachModal />, document.body);
};

function AttachModal() {
  const { words, call } = posOf(shopify);
  const [email, setEmail] = useState("");
  const [message, setMessage] = useState<{ tone: "success" | "critical" | "info"; text: string } | null>(null);
  const [busy, setBusy] = useState(false);

  async function find() {
    setBusy(true);
    const answer = await call<PosCustomerLookup>(`/api/pos/customers?email=${encodeURIComponent(email.trim())}`);
    setBusy(false);
    if (!answer.ok) return setMessage({ tone: "critical", text: answer.message });
    const customer = answer.data.customer;
    if (!customer) return setMessage({ tone: "info", text: words.t("pos_not_found") });
    await shopify.cart.setCustomer({ id: Number(customer.customerId) });
    const name = [customer.firstName, customer.lastName].filter(Boolean).join(" ") || customer.email || customer.phone || customer.customerId;
    setMessage({ tone: "success", text: words.t("pos_attached", { name }) });
  }

  return (
    <s-page heading={words.t("pos_attach_title")}>
      <s-scroll-box>
        <s-stack direction="block" gap="base">
          <s-text>{words.t("pos_attach_text")}</s-text>
          {message ? <s-banner heading={message.text} tone={message.tone} /> : null}
          <s-email-field label={words.t("pos_email")} value={email} onInput={(event) => setEmail(event.currentTarget.value ?? "")} />
          <s-button variant="primary" disabled={!email.includes("@") || busy} onClick={() => void find()}>
            {words.t("pos_find")}
          </s-button>
        </s-stack>
      </s-scroll-box>
    </s-page>
  );
}
