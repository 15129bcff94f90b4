/**
 * GET /app-bridge.js: a small stand-in for Shopify's App Bridge (the `shopify` global and its web components).
 * It covers what the app and @shopify/app-bridge-react v4 use: idToken, authenticated fetch (with the
 * retry-on-invalid-session handshake), toast, saveBar (and <form data-save-bar>), modal, config, user, the bounce
 * page (`shopify-reload`), resourcePicker (over the store, see resource-picker.ts), and minimal <ui-nav-menu>/<s-app-nav>, <ui-title-bar>, <ui-save-bar>, <ui-modal> elements.
 */

import { RESOURCE_PICKER_SCRIPT } from "./resource-picker";

/** The script's source for an emulator at `origin`. */
export function appBridgeScript(origin: string): string {
  return `/* Shopify emulator: App Bridge stand-in */
(function () {
  "use strict";
  if (window.shopify && window.shopify.__emulator) return;
  var ORIGIN = ${JSON.stringify(origin)};
  var script = document.currentScript;
  var params = new URLSearchParams(location.search);
  function remember(key, value) {
    try { if (value) sessionStorage.setItem("shopify-emulator:" + key, value); return value || sessionStorage.getItem("shopify-emulator:" + key) || ""; }
    catch (e) { return value || ""; }
  }
  function decode(token) {
    try { return JSON.parse(atob(token.split(".")[1].replace(/-/g, "+").replace(/_/g, "/"))); } catch (e) { return {}; }
  }
  var meta = document.querySelector('meta[name="shopify-api-key"]');
  var apiKey = (script && script.getAttribute("data-api-key")) || (meta && meta.getAttribute("content")) || "";
  var firstToken = params.get("id_token");
  var shop = remember("shop", params.get("shop"));
  var host = remember("host", params.get("host"));
  var locale = remember("locale", params.get("locale")) || "en";
  var userId = remember("user", firstToken ? String(decode(firstToken).sub || "") : "");
  var originalFetch = window.fetch.bind(window);
  var cached = firstToken ? { token: firstToken, exp: decode(firstToken).exp || 0 } : null;
  var currentUser = null;

  function idToken() {
    if (cached && cached.exp - Date.now() / 1000 > 20) return Promise.resolve(cached.token);
    var url = ORIGIN + "/api/session-token?shop=" + encodeURIComponent(shop) + (userId ? "&user=" + encodeURIComponent(userId) : "");
    return originalFetch(url).then(function (r) {
      if (!r.ok) throw new Error("App Bridge (emulator): session token request failed with " + r.status);
      return r.json();
    }).then(function (body) {
      cached = { token: body.token, exp: decode(body.token).exp || 0 };
      currentUser = body.user;
      return body.token;
    });
  }

  function withToken(request, token) {
    var headers = new Headers(request.headers);
    headers.set("Authorization", "Bearer " + token);
    return new Request(request, { headers: headers });
  }

  window.fetch = function (input, init) {
    var request = new Request(input, init);
    if (new URL(request.url, location.href).origin !== location.origin || request.headers.has("Authorization")) return originalFetch(request);
    var spare = request.clone();
    return idToken().then(function (token) { return originalFetch(withToken(request, token)); }).then(function (response) {
      if (response.status === 401 && response.headers.get("X-Shopify-Retry-Invalid-Session-Request") === "1") {
        cached = null;
        return idToken().then(function (token) { return originalFetch(withToken(spare, token)); });
      }
      var reauthorize = response.headers.get("X-Shopify-API-Request-Failure-Reauthorize-Url");
      if (reauthorize) window.open(reauthorize, "_top");
      return response;
    });
  };

  var toastCount = 0;
  function toastHost() {
    var hostEl = document.getElementById("shopify-emulator-toasts");
    if (!hostEl) {
      hostEl = document.createElement("div");
      hostEl.id = "shopify-emulator-toasts";
      hostEl.setAttribute("style", "position:fixed;left:50%;bottom:24px;transform:translateX(-50%);z-index:2147483647;display:flex;flex-direction:column;gap:8px;align-items:center");
      document.body.appendChild(hostEl);
    }
    return hostEl;
  }
  var toast = {
    show: function (message, opts) {
      opts = opts || {};
      var id = "shopify-emulator-toast-" + (++toastCount);
      var el = document.createElement("div");
      el.id = id;
      el.className = "shopify-emulator-toast" + (opts.isError ? " shopify-emulator-toast--error" : "");
      el.setAttribute("role", opts.isError ? "alert" : "status");
      el.setAttribute("style", "background:" + (opts.isError ? "#8e1f0b" : "#1a1a1a") + ";color:#fff;padding:10px 16px;border-radius:10px;font:14px system-ui;box-shadow:0 4px 12px rgba(0,0,0,.3)");
      el.textContent = String(message);
      if (opts.action && opts.onAction) {
        var button = document.createElement("button");
        button.textContent = opts.action;
        button.setAttribute("style", "margin-left:12px;background:none;border:1px solid #fff;color:#fff;border-radius:6px;cursor:pointer");
        button.addEventListener("click", function () { opts.onAction(); });
        el.appendChild(button);
      }
      toastHost().appendChild(el);
      setTimeout(function () { toast.hide(id); if (opts.onDismiss) opts.onDismiss(); }, opts.duration || 5000);
      return id;
    },
    hide: function (id) { var el = document.getElementById(id); if (el) el.remove(); }
  };

  function toggler(base) {
    return class extends base {
      show() { if (!this.hasAttribute("data-showing")) { this.setAttribute("data-showing", ""); this.dispatchEvent(new CustomEvent("show")); } return Promise.resolve(); }
      hide() { if (this.hasAttribute("data-showing")) { this.removeAttribute("data-showing"); this.dispatchEvent(new CustomEvent("hide")); } return Promise.resolve(); }
      toggle() { return this.showing ? this.hide() : this.show(); }
      get showing() { return this.hasAttribute("data-showing"); }
    };
  }
  function define(name, cls) { if (window.customElements && !customElements.get(name)) customElements.define(name, cls); }

  class SaveBar extends toggler(HTMLElement) {
    constructor() {
      super();
      this.attachShadow({ mode: "open" }).innerHTML = '<style>:host{display:none;position:fixed;top:0;left:0;right:0;z-index:2147483646;background:#1a1a1a;color:#fff;padding:8px 16px;gap:8px;align-items:center;font:14px system-ui}:host([data-showing]){display:flex}span{flex:1}</style><span part="message">Unsaved changes</span><slot></slot>';
    }
    connectedCallback() { if (this.hasAttribute("open")) this.show(); }
  }
  class Modal extends toggler(HTMLElement) {
    constructor() {
      super();
      this.content = document.createElement("div");
      this.content.className = "shopify-emulator-modal-content";
      this.attachShadow({ mode: "open" }).innerHTML = '<style>:host{display:none}:host([data-showing]){display:block;position:fixed;inset:0;z-index:2147483645;background:rgba(0,0,0,.5)}.dialog{background:#fff;max-width:620px;margin:10vh auto;border-radius:12px;padding:16px;max-height:80vh;overflow:auto}</style><div class="dialog" role="dialog" aria-modal="true"><slot></slot></div>';
    }
    connectedCallback() { if (!this.content.isConnected) this.appendChild(this.content); }
  }
  class TitleBar extends HTMLElement {
    static get observedAttributes() { return ["title"]; }
    constructor() {
      super();
      this.attachShadow({ mode: "open" }).innerHTML = '<style>:host{display:flex;align-items:center;gap:8px;padding:8px 0;font:600 16px system-ui}h1{flex:1;font-size:inherit;margin:0}</style><h1 part="title"></h1><slot></slot>';
    }
    attributeChangedCallback() { this.shadowRoot.querySelector("h1").textContent = this.getAttribute("title") || ""; }
  }
  class NavMenu extends HTMLElement {
    constructor() {
      super();
      // As in Shopify, the menu's links live in the admin's sidebar, never inside the app's page.
      this.attachShadow({ mode: "open" }).innerHTML = '<style>:host{display:none !important}</style><slot></slot>';
      this.addEventListener("click", function (event) {
        var link = event.target && event.target.closest ? event.target.closest("[href]") : null;
        if (!link) return;
        event.preventDefault();
        link.dispatchEvent(new CustomEvent("shopify:navigate", { bubbles: true, composed: true }));
      });
    }
    connectedCallback() {
      // The admin frame renders the menu in its sidebar, as Shopify does.
      var self = this;
      var post = function () {
        var items = Array.prototype.map.call(self.querySelectorAll("[href]"), function (a) {
          return { href: a.getAttribute("href"), label: (a.textContent || "").trim(), home: a.getAttribute("rel") === "home" };
        });
        if (window.parent !== window) window.parent.postMessage({ type: "shopify-emulator:nav-menu", items: items, path: location.pathname }, "*");
      };
      post();
      if (!this.__observer) { this.__observer = new MutationObserver(post); this.__observer.observe(this, { childList: true, subtree: true, characterData: true }); }
    }
  }
  window.addEventListener("message", function (event) {
    var data = event.data || {};
    if (data.type !== "shopify-emulator:navigate" || event.source !== window.parent) return;
    var link = Array.prototype.find.call(document.querySelectorAll("ui-nav-menu [href], s-app-nav [href]"), function (a) { return a.getAttribute("href") === data.href; });
    if (link) link.dispatchEvent(new CustomEvent("shopify:navigate", { bubbles: true, composed: true }));
  });
  define("ui-save-bar", SaveBar);
  define("ui-modal", Modal);
  define("ui-title-bar", TitleBar);
  define("ui-nav-menu", NavMenu);
  define("s-app-nav", class extends NavMenu {});

${RESOURCE_PICKER_SCRIPT}
  function byId(id) { var el = document.getElementById(id); if (!el) throw new Error("App Bridge (emulator): no element #" + id); return el; }
  window.shopify = {
    __emulator: true,
    config: { apiKey: apiKey, shop: shop, host: host, locale: locale },
    environment: { embedded: window.top !== window, mobile: false, pos: false },
    origin: location.origin,
    idToken: idToken,
    user: function () { return idToken().then(function () { return currentUser || { id: userId }; }); },
    toast: toast,
    loading: function (on) { document.documentElement.toggleAttribute("data-shopify-loading", on !== false); },
    saveBar: {
      show: function (id) { return byId(id).show(); },
      hide: function (id) { return byId(id).hide(); },
      toggle: function (id) { return byId(id).toggle(); },
      leaveConfirmation: function () { return Promise.resolve(); }
    },
    modal: {
      show: function (id) { return byId(id).show(); },
      hide: function (id) { return byId(id).hide(); },
      toggle: function (id) { return byId(id).toggle(); }
    },
    resourcePicker: resourcePicker,
    scopes: {
      query: function () { return Promise.resolve({ granted: [], required: [], optional: [] }); },
      request: function () { return Promise.resolve({ result: "declined-all", detail: { granted: [], required: [], optional: [] } }); },
      revoke: function () { return Promise.resolve({ detail: { granted: [], required: [], optional: [] } }); }
    },
    reviews: { request: function () { return Promise.resolve({ success: false, code: "mobile-app", message: "Not available in the emulator" }); } },
    app: { extensions: function () { return Promise.resolve([]); } }
  };

  // <form data-save-bar>: changes show a save bar whose Save submits the form and Discard resets it.
  var formBar = null;
  function barFor(form) {
    if (!formBar) {
      formBar = document.createElement("ui-save-bar");
      formBar.id = "shopify-emulator-form-save-bar";
      formBar.innerHTML = '<button variant="primary" data-action="save">Save</button><button data-action="discard">Discard</button>';
      document.body.appendChild(formBar);
    }
    formBar.onclick = function (event) {
      var action = event.target && event.target.getAttribute("data-action");
      if (action === "save") form.requestSubmit();
      if (action === "discard") { form.reset(); formBar.hide(); }
    };
    return formBar;
  }
  function onEdit(event) {
    var form = event.target && event.target.form;
    if (form && form.hasAttribute("data-save-bar")) barFor(form).show();
  }
  document.addEventListener("input", onEdit, true);
  document.addEventListener("change", onEdit, true);
  document.addEventListener("submit", function (event) { if (formBar && event.target.hasAttribute("data-save-bar")) formBar.hide(); }, true);

  var reload = params.get("shopify-reload");
  if (reload) {
    idToken().then(function (token) {
      var target = new URL(reload, location.href);
      target.searchParams.set("id_token", token);
      location.replace(target.toString());
    });
  }
})();
`;
}
