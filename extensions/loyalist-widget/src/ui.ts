// Small view pieces both scripts use (each bundles its own copy): muted text, progress bars, the notice shown
// next to the button that caused it, and the copy / apply buttons of a code.
import { button, h } from "./dom";
import type { Format } from "./format";
import type { Store } from "./store";
import type { Config } from "./types";

export type Mode = "panel" | "account" | "cart";

/** What a view may ask of its mount: which element should hold focus after the next render. */
export type ViewContext = { mode: Mode; store: Store; f: Format; cfg: Config; focusNext(key: string): void };

/** The sentence for an error code (the locales name sentences after the app's codes) or a notice. */
export const message = (f: Format, code: string, vars?: Record<string, string | number>): string => f.t(f.has(code) ? code : "error", vars);

export const muted = (text: string) => h("p", { class: "lw-muted" }, text);
/** A secondary line under an item's name. */
export const sub = (...text: string[]) => h("span", { class: "lw-muted lw-block" }, ...text);

/** A progress bar labelled by the sentence shown under it. */
export const progress = (max: number, value: number, label: string) =>
  h("span", { class: "lw-need" }, h("progress", { max, value, "aria-label": label }), label);

/** The last action's result, where the shopper is looking: next to `place`, the button (or group) that caused it. */
export function note(ctx: ViewContext, place: string): Node | null {
  const { f, store } = ctx;
  const s = store.state;
  if (!s.notice || s.noticeAt !== place) return null;
  const vars = { ...s.noticeVars, points: f.points(Number(s.noticeVars?.points ?? 0)) };
  // The mount's live region announces it; this copy is what the eye sees.
  return h("p", { class: `lw-note${s.noticeIsError ? " lw-err" : ""}`, "aria-hidden": "true" }, message(f, s.notice, vars));
}

/** Copy and apply-to-cart buttons for a code; "copied" shows beside them. */
export function codeActions(ctx: ViewContext, code: string, key: string): Node[] {
  const { f, store } = ctx;
  const place = `copy-${key}`;
  const copy = () => {
    const done = () => store.set({ notice: "copied", noticeAt: place, noticeIsError: false });
    if (navigator.clipboard) navigator.clipboard.writeText(code).then(done, done);
    else done();
  };
  return [
    h(
      "p",
      { class: "lw-row" },
      button(place, "", f.t("copy"), copy, { "aria-label": `${f.t("copy")} ${code}` }),
      h("a", { class: "lw-btn lw-primary", href: `/discount/${encodeURIComponent(code)}?redirect=%2Fcart` }, f.t("apply")),
    ),
    note(ctx, place),
  ].filter((n): n is Node => n !== null);
}
