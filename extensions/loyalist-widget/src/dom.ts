// A tiny element builder (text is always set as text, never parsed as HTML) and the dialog focus trap.

type Child = Node | string | number | null | undefined | false;
type Attrs = Record<string, string | number | boolean | null | undefined | EventListener>;

/** Creates an element: `on*` attributes become listeners, `false`/null attributes are left out. */
export function h(tag: string, attrs: Attrs = {}, ...children: Child[]): HTMLElement {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (typeof value === "function") el.addEventListener(key.slice(2), value);
    else if (value === true) el.setAttribute(key, "");
    else if (value !== false && value != null) el.setAttribute(key, String(value));
  }
  for (const child of children) if (child !== null && child !== undefined && child !== false) el.append(child instanceof Node ? child : String(child));
  return el;
}

/** A widget button; `key` finds it again after a re-render (focus is kept on it). */
export const button = (key: string, variant: string, label: string, onclick: () => void, attrs: Attrs = {}): HTMLElement =>
  h("button", { type: "button", class: `lw-btn ${variant}`, "data-k": key, onclick, ...attrs }, label);

const FOCUSABLE = "a[href],button:not([disabled]),input,select";

/** Keeps Tab and Shift+Tab inside `root`. */
export function trapFocus(root: HTMLElement, event: KeyboardEvent): void {
  if (event.key !== "Tab") return;
  const items = [...root.querySelectorAll<HTMLElement>(FOCUSABLE)].filter((el) => el.offsetParent !== null || el === document.activeElement);
  if (!items.length) return;
  const first = items[0];
  const last = items[items.length - 1];
  const active = document.activeElement;
  if (event.shiftKey && (active === first || !root.contains(active))) {
    event.preventDefault();
    last.focus();
  } else if (!event.shiftKey && (active === last || !root.contains(active))) {
    event.preventDefault();
    first.focus();
  }
}
