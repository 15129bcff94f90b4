// Loyalist storefront widget, first script (loaded `defer` by the theme app extension, a few hundred bytes
// gzip). It draws the fixed launcher (no layout shift: it is fixed and appears once its stylesheet is in) and
// loads the rest (app.ts) only when needed: the shopper points at or focuses the launcher, clicks it, or the
// page has an inline account/cart block (then when the browser is idle). No member data is fetched here.
import type { Boot } from "./boot";
import { h } from "./dom";
import type { Config, LauncherSettings } from "./types";

/** The launcher's icons are drawn by the stylesheet (a mask per icon), which has room in its budget to spare. */
const ICONS = ["gift", "star"];

const readJson = <T>(selector: string): T | null => {
  try {
    return JSON.parse(document.querySelector(selector)?.textContent || "null") as T | null;
  } catch {
    return null;
  }
};

/** "Earn N points" follows the variant the shopper picks: themes change the product form's `id` (and fire change). */
function followVariant(): void {
  document.addEventListener("change", (event) => {
    const input = event.target as HTMLInputElement;
    if (input.name !== "id" || !input.form) return;
    for (const p of document.querySelectorAll<HTMLElement>("[data-loyalist-earn] [data-variant]")) p.hidden = p.dataset.variant !== input.value;
  });
}

function start(): void {
  const w = window as unknown as { loyalist?: Boot };
  const cfg = readJson<Config>("script[data-loyalist-config]");
  if (w.loyalist !== undefined) return;
  if (document.querySelector("[data-loyalist-earn]")) followVariant();
  if (!cfg) return;
  const settings = readJson<LauncherSettings>("script[data-loyalist-launcher]");
  const boot: Boot = (w.loyalist = { cfg, settings, root: null, button: null, wantOpen: false });
  let requested = false;
  const load = () => {
    if (requested) return;
    requested = true;
    // Downloaded side by side, run in this order (async false): the views borrow the app script's builders.
    for (const src of [cfg.app, cfg.view, cfg.extra]) {
      const script = h("script", { src }) as HTMLScriptElement;
      script.async = false;
      document.head.append(script);
    }
  };
  const css = h("link", { rel: "stylesheet", href: cfg.css });
  document.head.append(css);
  if (settings) {
    const label = settings.label || cfg.strings.launcher;
    const icon = ICONS.includes(settings.icon) ? h("span", { class: `lw-icon lw-icon-${settings.icon}`, "aria-hidden": "true" }) : null;
    const button = h(
      "button",
      { type: "button", class: "lw-launcher", "aria-haspopup": "dialog", "aria-expanded": "false", "aria-controls": "lw-panel" },
      icon,
      h("span", {}, label),
    );
    const dir = document.documentElement.dir || (/^(ar|he|fa|ur)\b/.test(cfg.locale) ? "rtl" : "ltr");
    const root = h("div", { class: `lw-root lw-${settings.position === "start" ? "start" : "end"}`, dir, hidden: true }, button);
    root.style.setProperty("--lw-accent", settings.color || "#1a73e8");
    root.style.setProperty("--lw-on-accent", settings.textColor || "#fff");
    button.addEventListener("click", () => {
      if (boot.toggle) return boot.toggle();
      boot.wantOpen = true;
      load();
    });
    button.addEventListener("pointerenter", load, { once: true });
    button.addEventListener("focus", load, { once: true });
    const show = () => (root.hidden = false);
    css.addEventListener("load", show);
    css.addEventListener("error", show);
    document.body.append(root);
    Object.assign(boot, { root, button });
  }
  if (document.querySelector("[data-loyalist-mount]")) {
    const idle = (window as unknown as { requestIdleCallback?: (cb: () => void) => void }).requestIdleCallback ?? ((cb: () => void) => setTimeout(cb, 1));
    idle(load);
  }
}

start();
