// Loyalist storefront widget, first script (loaded `defer` by the theme app extension, a few hundred bytes
// gzip). It draws the fixed launcher (no layout shift: it is fixed and appears once its stylesheet is in) and
// loads the rest (app.ts) only when needed: the shopper points at or focuses the launcher, clicks it, or the
// page has an inline account/cart block (then when the browser is idle). No member data is fetched here.
import type { Boot } from "./boot";
import { h } from "./dom";
import type { Config, LauncherSettings } from "./types";

const ICONS: Record<string, string> = {
  gift: "M4 9h16v4H4zm1 4h14v8H5zm6-4h2v12h-2zm1 0C10 5 7 4 7 6.5S12 9 12 9zm0 0c2-4 5-5 5-2.5S12 9 12 9z",
  star: "m12 2.5 2.9 6 6.6.9-4.8 4.6 1.2 6.5L12 17.4l-5.9 3.1 1.2-6.5-4.8-4.6 6.6-.9Z",
};

const readJson = <T>(selector: string): T | null => {
  try {
    return JSON.parse(document.querySelector(selector)?.textContent || "null") as T | null;
  } catch {
    return null;
  }
};

function start(): void {
  const w = window as unknown as { loyalist?: Boot };
  const cfg = readJson<Config>("script[data-loyalist-config]");
  if (!cfg || w.loyalist) return;
  const settings = readJson<LauncherSettings>("script[data-loyalist-launcher]");
  const boot: Boot = (w.loyalist = { cfg, settings, root: null, button: null, wantOpen: false });
  let requested = false;
  const load = () => {
    if (requested) return;
    requested = true;
    document.head.append(h("script", { src: cfg.app, async: true }));
  };
  const css = h("link", { rel: "stylesheet", href: cfg.css });
  document.head.append(css);
  if (settings) {
    const label = settings.label || cfg.strings.launcher;
    const icon = ICONS[settings.icon] ? h("span", { class: "lw-icon", "aria-hidden": "true" }) : null;
    if (icon) icon.innerHTML = `<svg viewBox="0 0 24 24" width="20" height="20" focusable="false"><path fill="currentColor" d="${ICONS[settings.icon]}"/></svg>`;
    const button = h("button", { type: "button", class: "lw-launcher", "aria-haspopup": "dialog", "aria-expanded": "false", "aria-controls": "lw-panel" }, icon, h("span", {}, label));
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
