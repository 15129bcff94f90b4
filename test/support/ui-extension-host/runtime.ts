// The in-page half of the UI extension host: the `shopify` global a target gets, as Shopify documents it
// (sessionToken, i18n, localization, POS session/locale/customer/cart/toast/action, order and thank-you data), and
// the few Polaris web components that need behaviour (fields, choices, buttons, progress, tiles). Everything else
// (s-stack, s-text, …) is plain elements styled by host.css. Bundled by esbuild into the test page; no Shopify code.

export type HostConfig = {
  target: string;
  locale: string;
  /** The extension's locale files: { "en": {...en.default.json}, "ar": {...} }. */
  translations: Record<string, Record<string, unknown>>;
  customerId?: number;
  cart?: { customer: { id: number } | null };
  orderId?: string;
  buyerCustomerId?: string | null;
};

type Call = { api: string; args: unknown[] };
type SignalLike<T> = { value: T };

declare global {
  interface Window {
    __HOST_CONFIG__: HostConfig;
    __hostCalls: Call[];
    /** Exposed by the harness (Node side): a token signed like Shopify's, or null. */
    __hostSessionToken(): Promise<string | null>;
  }
}

const config = window.__HOST_CONFIG__;
const calls: Call[] = (window.__hostCalls = []);
const record = (api: string, ...args: unknown[]) => calls.push({ api, args });

// Signals: until the extension hands over its Signal class (`shopify.setSignals`, called by
// @shopify/ui-extensions/preact), values are plain `{ value }` holders; then they become real signals, so
// components that read `.value` re-render when the host changes it.
const signals: Array<{ holder: { current: SignalLike<unknown> } }> = [];
function signal<T>(value: T): { current: SignalLike<T> } {
  const holder = { current: { value } as SignalLike<T> };
  signals.push({ holder: holder as { current: SignalLike<unknown> } });
  return holder;
}
function setSignals(SignalClass: new (value: unknown) => SignalLike<unknown>) {
  for (const { holder } of signals) holder.current = new SignalClass(holder.current.value);
}

const language = config.locale;
const strings = (lang: string) => config.translations[lang] ?? config.translations[lang.split("-")[0]] ?? {};

/** Shopify's translate: dotted keys, `count` picks the plural form (Intl.PluralRules), `{{name}}` placeholders. */
function translate(key: string, options: Record<string, string | number> = {}): string {
  const lookup = (table: Record<string, unknown>) =>
    key.split(".").reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], table);
  let entry = lookup(strings(language)) ?? lookup(config.translations.en ?? {});
  if (entry && typeof entry === "object" && typeof options.count === "number") {
    const forms = entry as Record<string, string>;
    const count = options.count;
    entry = (count === 0 && forms.zero) || forms[new Intl.PluralRules(language).select(count)] || forms.other;
  }
  if (typeof entry !== "string") return key;
  return entry.replace(/\{\{\s*(\w+)\s*\}\}/g, (_m, name: string) => (name in options ? String(options[name]) : `{{${name}}}`));
}

const i18n = {
  translate,
  formatNumber: (n: number, options?: Intl.NumberFormatOptions) => new Intl.NumberFormat(language, options).format(n),
  formatCurrency: (n: number, options?: Intl.NumberFormatOptions) =>
    new Intl.NumberFormat(language, { style: "currency", currency: "USD", ...options }).format(n),
  formatDate: (date: Date, options?: Intl.DateTimeFormatOptions) => new Intl.DateTimeFormat(language, options).format(date),
};

const cart = signal(config.cart ?? { customer: null, cartDiscount: null as { code: string } | null });
const toast = (message: string) => {
  record("toast.show", message);
  const element = document.createElement("div");
  element.className = "host-toast";
  element.setAttribute("role", "status");
  element.textContent = message;
  document.documentElement.append(element);
};
const token = async () => (await window.__hostSessionToken()) ?? undefined;

const orderSignal = signal(config.orderId ? { id: `gid://shopify/Order/${config.orderId}` } : undefined);
const confirmation = signal(config.orderId ? { order: { id: `gid://shopify/OrderIdentity/${config.orderId}` }, number: config.orderId } : undefined);
const buyer = signal(config.buyerCustomerId ? { id: `gid://shopify/Customer/${config.buyerCustomerId}` } : undefined);
const languageSignal = signal({ isoCode: language });
const localeSignal = signal(language);

// Not `window.shopify`: in this repo that name is typed as App Bridge's global (the admin's), a different API.
(window as unknown as { shopify: unknown }).shopify = {
  extension: { target: config.target, apiVersion: "2026-07" },
  setSignals,
  i18n,
  sessionToken: { get: async () => (await window.__hostSessionToken()) ?? "" },
  localization: {
    get language() {
      return languageSignal.current;
    },
  },
  // POS
  session: { getSessionToken: token, currentSession: { shopDomain: "", locationId: 1, userId: 1, staffMemberId: 1 } },
  locale: {
    get current() {
      return localeSignal.current;
    },
  },
  customer: { id: config.customerId },
  cart: {
    get current() {
      return cart.current;
    },
    addCartCodeDiscount: async (code: string) => {
      record("cart.addCartCodeDiscount", code);
      cart.current.value = { ...cart.current.value, cartDiscount: { code } };
    },
    removeCartDiscount: async () => {
      record("cart.removeCartDiscount");
      cart.current.value = { ...cart.current.value, cartDiscount: null };
    },
    setCustomer: async (customer: { id: number }) => {
      record("cart.setCustomer", customer);
      cart.current.value = { ...cart.current.value, customer };
    },
    removeCustomer: async () => {
      record("cart.removeCustomer");
      cart.current.value = { ...cart.current.value, customer: null };
    },
  },
  toast: { show: toast },
  action: { presentModal: () => record("action.presentModal") },
  // Customer accounts (order status) and checkout (thank-you)
  get order() {
    return orderSignal.current;
  },
  get orderConfirmation() {
    return confirmation.current;
  },
  buyerIdentity: {
    get customer() {
      return buyer.current;
    },
  },
  navigation: { navigate: (url: string) => record("navigation.navigate", url) },
};

// --- the web components that need behaviour ---

/** A field: a label and an input; `value` mirrors the input and `input`/`change` events reach the extension. */
class HostField extends HTMLElement {
  #input = document.createElement("input");
  constructor(private readonly type: string) {
    super();
  }
  connectedCallback() {
    if (this.#input.isConnected) return;
    const label = document.createElement("label");
    label.textContent = this.getAttribute("label") ?? "";
    this.#input.type = this.type;
    // Native fields order what is typed by its own direction (a phone number stays "+358 40…" in Arabic) while
    // aligning with the screen's; host.css keeps the alignment.
    this.#input.dir = "auto";
    this.#input.addEventListener("input", () => this.dispatchEvent(new Event("input")));
    this.#input.addEventListener("change", () => this.dispatchEvent(new Event("change")));
    label.append(this.#input);
    this.append(label);
    // The hint under a field (`details`), as Shopify's fields show it.
    const details = this.getAttribute("details");
    if (details) {
      const hint = document.createElement("span");
      hint.className = "host-details";
      hint.textContent = details;
      this.append(hint);
    }
  }
  get value() {
    return this.#input.value;
  }
  set value(text: string) {
    this.#input.value = text ?? "";
  }
}
customElements.define(
  "s-number-field",
  class extends HostField {
    constructor() {
      super("number");
    }
  },
);
customElements.define(
  "s-email-field",
  class extends HostField {
    constructor() {
      super("email");
    }
  },
);
customElements.define(
  "s-text-field",
  class extends HostField {
    constructor() {
      super("text");
    }
  },
);

/** A button: `disabled` and `loading` stop clicks (as the host's button does), and it is focusable. */
customElements.define(
  "s-button",
  class extends HTMLElement {
    connectedCallback() {
      this.setAttribute("role", this.getAttribute("href") ? "link" : "button");
      this.tabIndex = 0;
      this.addEventListener(
        "click",
        (event) => {
          if (this.hasAttribute("disabled") || this.hasAttribute("loading")) event.stopImmediatePropagation();
        },
        { capture: true },
      );
    }
  },
);

/** Choices: one selected value, `values` read by the extension on `change`. */
customElements.define(
  "s-choice-list",
  class extends HTMLElement {
    #values: string[] = [];
    connectedCallback() {
      this.setAttribute("role", "radiogroup");
      this.addEventListener("click", (event) => {
        const choice = (event.target as HTMLElement).closest("s-choice");
        if (!choice) return;
        this.values = [choice.getAttribute("value") ?? ""];
        this.dispatchEvent(new Event("change"));
      });
    }
    get values() {
      return this.#values;
    }
    set values(values: string[]) {
      this.#values = values ?? [];
      for (const choice of this.querySelectorAll("s-choice"))
        choice.setAttribute("aria-checked", String(this.#values.includes(choice.getAttribute("value") ?? "")));
    }
  },
);
customElements.define(
  "s-choice",
  class extends HTMLElement {
    connectedCallback() {
      this.setAttribute("role", "radio");
      const list = this.closest("s-choice-list") as (HTMLElement & { values: string[] }) | null;
      if (list) this.setAttribute("aria-checked", String(list.values.includes(this.getAttribute("value") ?? "")));
    }
  },
);

/** A progress bar from `value` and `max`. */
customElements.define(
  "s-progress",
  class extends HTMLElement {
    static observedAttributes = ["value", "max"];
    attributeChangedCallback() {
      const max = Number(this.getAttribute("max") ?? 1) || 1;
      const value = Number(this.getAttribute("value") ?? 0);
      this.setAttribute("role", "progressbar");
      this.setAttribute("aria-valuenow", String(value));
      this.setAttribute("aria-valuemax", String(max));
      this.style.setProperty("--progress", `${Math.min(100, (100 * value) / max)}%`);
    }
  },
);

/** A smart-grid tile: a button showing `heading` and `subheading`. */
customElements.define(
  "s-tile",
  class extends HTMLElement {
    connectedCallback() {
      this.setAttribute("role", "button");
      this.tabIndex = 0;
    }
  },
);
