/** @jsxImportSource preact */
// pos.home.modal.render: find the customer by email and attach them to the cart, so the sale is captured; when
// nobody has that email (or staff know they are new), create the customer here with an email or only a phone.
import "@shopify/ui-extensions/preact";
import { render } from "preact";
import { useState } from "preact/hooks";
import type { PosCustomerLookup } from "../../../app/members/contract";
import { posOf } from "./pos-host";

export default async () => {
  render(<AttachModal />, document.body);
};

type Customer = NonNullable<PosCustomerLookup["customer"]>;
type Message = { tone: "success" | "critical" | "info" | "warning"; text: string };

const nameOf = (c: Customer) => [c.firstName, c.lastName].filter(Boolean).join(" ") || c.email || c.phone || c.customerId;
const fieldValue = (set: (value: string) => void) => (event: { currentTarget: { value?: string } }) => set(event.currentTarget.value ?? "");

function AttachModal() {
  const { words, call } = posOf(shopify);
  const [email, setEmail] = useState("");
  const [creating, setCreating] = useState(false);
  const [form, setForm] = useState({ firstName: "", lastName: "", email: "", phone: "" });
  const [existing, setExisting] = useState<Customer | null>(null);
  const [message, setMessage] = useState<Message | null>(null);
  const [busy, setBusy] = useState(false);
  const field = (name: keyof typeof form) => fieldValue((value) => setForm((f) => ({ ...f, [name]: value })));

  async function attach(customer: Customer, key: "pos_attached" | "pos_created") {
    await shopify.cart.setCustomer({ id: Number(customer.customerId) });
    // Back to an empty search, so a second tap cannot create the customer twice.
    backToFind();
    setEmail("");
    setMessage({ tone: "success", text: words.t(key, { name: nameOf(customer) }) });
  }

  async function find() {
    setBusy(true);
    const answer = await call<PosCustomerLookup>(`/api/pos/customers?email=${encodeURIComponent(email.trim())}`);
    setBusy(false);
    if (!answer.ok) return setMessage({ tone: "critical", text: answer.message });
    if (answer.data.customer) return attach(answer.data.customer, "pos_attached");
    // Nobody has this email: straight to the form, the email already in it.
    openForm();
    setMessage({ tone: "info", text: words.t("pos_not_found") });
  }

  function backToFind() {
    setCreating(false);
    setExisting(null);
    setMessage(null);
  }

  function openForm() {
    // A fresh form each time, with the email staff just looked up.
    setForm({ firstName: "", lastName: "", email: email.trim(), phone: "" });
    setMessage(null);
    setCreating(true);
  }

  async function create() {
    setBusy(true);
    setExisting(null);
    const body = { firstName: form.firstName, lastName: form.lastName, email: form.email, phone: form.phone };
    const answer = await call<PosCustomerLookup>("/api/pos/customers", { method: "POST", body });
    if (answer.ok && answer.data.customer) {
      setBusy(false);
      return attach(answer.data.customer, "pos_created");
    }
    // The 409 names no customer; when the email is the taken one, the lookup finds them so staff can attach instead.
    const taken = !answer.ok && answer.code === "customer_exists" && form.email.trim() ? await findByEmail(form.email) : null;
    setBusy(false);
    if (taken) {
      setExisting(taken);
      return setMessage({ tone: "warning", text: words.t("pos_exists", { name: nameOf(taken) }) });
    }
    setMessage({ tone: "critical", text: answer.ok ? words.t("error") : answer.message });
  }

  async function findByEmail(address: string): Promise<Customer | null> {
    const answer = await call<PosCustomerLookup>(`/api/pos/customers?email=${encodeURIComponent(address.trim())}`);
    return answer.ok ? answer.data.customer : null;
  }

  const canCreate = Boolean(form.firstName.trim() && (form.email.trim() || form.phone.trim())) && !busy;

  return (
    <s-page heading={words.t("pos_attach_title")}>
      <s-scroll-box>
        <s-stack direction="block" gap="base">
          {message ? <s-banner heading={message.text} tone={message.tone} /> : null}
          {existing ? (
            <s-button variant="primary" disabled={busy} onClick={() => void attach(existing, "pos_attached")}>
              {words.t("pos_attach_existing", { name: nameOf(existing) })}
            </s-button>
          ) : null}
          {creating ? (
            <>
              <s-text>{words.t("pos_create_text")}</s-text>
              <s-text-field label={words.t("pos_first_name")} required value={form.firstName} onInput={field("firstName")} />
              <s-text-field label={words.t("pos_last_name")} value={form.lastName} onInput={field("lastName")} />
              <s-email-field label={words.t("pos_email")} value={form.email} onInput={field("email")} />
              <s-text-field label={words.t("pos_phone")} details={words.t("pos_phone_details")} value={form.phone} onInput={field("phone")} />
              <s-button variant="primary" disabled={!canCreate} onClick={() => void create()}>
                {words.t("pos_create_attach")}
              </s-button>
              <s-button variant="secondary" onClick={backToFind}>
                {words.t("pos_back_to_find")}
              </s-button>
            </>
          ) : (
            <>
              <s-text>{words.t("pos_attach_text")}</s-text>
              <s-email-field label={words.t("pos_email")} value={email} onInput={fieldValue(setEmail)} />
              <s-button variant="primary" disabled={!email.includes("@") || busy} onClick={() => void find()}>
                {words.t("pos_find")}
              </s-button>
              <s-button variant="secondary" onClick={openForm}>
                {words.t("pos_create")}
              </s-button>
            </>
          )}
        </s-stack>
      </s-scroll-box>
    </s-page>
  );
}
