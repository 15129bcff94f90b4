// Loyalist storefront widget, second script: loaded by main.ts when first needed, before loyalist-view.js and
// loyalist-extra.js (run in that order; three files so that each stays under theme check's 10,000-byte cap).
// Builds the panel (a modal dialog with a focus trap that returns focus to the launcher) and fills the inline
// account/cart blocks, all from one shared store of the shopper's data, fetched when the panel opens or an inline
// block is on the page. What each mount shows comes from the view scripts, which borrow this one's builders.
import { boot, type Boot } from "./boot";
import { button, h, trapFocus } from "./dom";
import { createFormat, type Format } from "./format";
import { Store } from "./store";
import type { Config } from "./types";
import { codeActions, message, muted, note, progress, sub, type Mode } from "./ui";

let mountCount = 0;

/** Renders the store's state into `container` on every change, keeping keyboard focus where the shopper is. */
function mount(b: Boot, container: HTMLElement, mode: Mode, store: Store, f: Format, cfg: Config): void {
  const id = ++mountCount;
  let pending: string | undefined;
  const live = h("p", { class: "lw-notice", role: "status", "aria-live": "polite" });
  const content = h("div");
  container.replaceChildren(live, content);
  let lastCode: string | undefined;
  const ctx = { mode, store, f, cfg, focusNext: (key: string) => ((pending = key), (store.actor = id)) };
  const render = () => {
    const s = store.state;
    const active = document.activeElement as HTMLElement | null;
    const kept = active && content.contains(active) ? active.dataset.k : undefined;
    content.replaceChildren(...b.view!(ctx));
    const key = store.actor === id ? (pending ?? kept) : kept;
    const target = key ? content.querySelector<HTMLElement>(`[data-k="${key}"]`) : null;
    if (target) {
      target.focus();
      pending = undefined;
    }
    const code = s.issued?.code !== lastCode ? s.issued?.code : undefined;
    if (s.notice) live.textContent = message(f, s.notice, { ...s.noticeVars, points: f.points(Number(s.noticeVars?.points ?? 0)) });
    else if (code) live.textContent = `${f.t("redeemed")}: ${code}`;
    else if (!s.busy) live.textContent = "";
    lastCode = s.issued?.code ?? undefined;
    live.classList.toggle("lw-err", Boolean(s.noticeIsError && s.notice));
    // Shown next to the button that caused it when that button is in this mount: the live region then only speaks.
    live.classList.toggle("lw-sr", !s.notice || Boolean(content.querySelector(".lw-note")) || Boolean(code));
  };
  store.subscribe(render);
  render();
}

/** The merchant's program name, or "Rewards" in the shopper's language while the name is the default one. */
const title = (cfg: Config, f: Format) => (cfg.program?.name && cfg.program.name !== "Rewards" ? cfg.program.name : f.t("launcher"));

function panel(b: Boot, root: HTMLElement, button: HTMLElement, store: Store, f: Format, cfg: Config): () => void {
  const close = h("button", { type: "button", class: "lw-close", "aria-label": f.t("close") }, "×");
  const body = h("div", { class: "lw-body" });
  const dialog = h(
    "div",
    { id: "lw-panel", class: "lw-panel", role: "dialog", "aria-modal": "true", "aria-labelledby": "lw-title", hidden: true },
    h("div", { class: "lw-head" }, h("h2", { id: "lw-title" }, title(cfg, f)), close),
    body,
  );
  root.prepend(dialog);
  let mounted = false;
  const setOpen = (open: boolean) => {
    dialog.hidden = !open;
    button.setAttribute("aria-expanded", String(open));
    if (!open) return button.focus();
    if (!mounted) mount(b, body, "panel", store, f, cfg);
    mounted = true;
    void store.load();
    close.focus();
  };
  close.addEventListener("click", () => setOpen(false));
  dialog.addEventListener("keydown", (event) => {
    if (event.key === "Escape") setOpen(false);
    else trapFocus(dialog, event);
  });
  document.addEventListener("pointerdown", (event) => {
    if (!dialog.hidden && !root.contains(event.target as Node)) setOpen(false);
  });
  return () => setOpen(dialog.hidden);
}

function start(b: Boot): void {
  if (b.toggle || !b.view || !b.parts) return;
  const { cfg } = b;
  const f = createFormat(cfg.locale || document.documentElement.lang || "en", cfg.currency || "USD", cfg.strings);
  const store = new Store(cfg.proxy, f.locale, f.digits);
  if (b.root && b.button) {
    b.toggle = panel(b, b.root, b.button, store, f, cfg);
    if (b.wantOpen) b.toggle();
  }
  const inline = document.querySelectorAll<HTMLElement>("[data-loyalist-mount]");
  for (const el of inline) mount(b, el, el.dataset.loyalistMount === "cart" ? "cart" : "account", store, f, cfg);
  if (inline.length) void store.load();
}

const loaded = boot();
if (loaded) {
  loaded.lib = { h, button, note, codeActions, muted, sub, progress, message };
  loaded.ready = () => start(loaded);
}
