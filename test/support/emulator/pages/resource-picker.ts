/**
 * The resource picker of the App Bridge stand-in (`shopify.resourcePicker({ type, action, multiple, filter,
 * selectionIds, query })`): a search-and-select dialog over the emulator's store, answering what App Bridge answers
 * (an array of selected resources in App Bridge's shapes, also under `.selection`; `undefined` when cancelled).
 * `GET /api/resource-picker?shop=&type=product|variant|collection&query=` serves the store's resources to it.
 */
import type { ServerResponse } from "node:http";
import { gid } from "../ids";
import { sendJson } from "../http";
import type { EmulatorStore } from "../store/store";
import type { CollectionRecord, ProductRecord, VariantRecord } from "../store/types";

export type PickerType = "product" | "variant" | "collection";

const LIMIT = 50;

function variantShape(product: ProductRecord, variant: VariantRecord) {
  return {
    id: gid("ProductVariant", variant.id),
    title: variant.title,
    displayName: `${product.title} - ${variant.title}`,
    price: variant.price,
    sku: variant.sku,
    position: product.variants.indexOf(variant) + 1,
    image: null,
    availableForSale: true,
    createdAt: variant.createdAt,
    updatedAt: variant.updatedAt,
  };
}

function productShape(product: ProductRecord) {
  return {
    id: gid("Product", product.id),
    title: product.title,
    handle: product.handle,
    vendor: product.vendor,
    productType: product.productType,
    status: product.status,
    tags: product.tags,
    images: [] as { id: string; originalSrc: string; altText?: string }[],
    hasOnlyDefaultVariant: product.variants.length === 1 && product.variants[0].title === "Default Title",
    totalVariants: product.variants.length,
    variants: product.variants.map((v) => variantShape(product, v)),
    createdAt: product.createdAt,
    updatedAt: product.updatedAt,
  };
}

function collectionShape(collection: CollectionRecord) {
  return {
    id: gid("Collection", collection.id),
    title: collection.title,
    handle: collection.handle,
    image: null,
    productsCount: collection.productIds.length,
    description: "",
    descriptionHtml: "",
    sortOrder: "MANUAL",
    updatedAt: collection.updatedAt,
  };
}

/** The shop's resources of `type` whose title (or SKU) contains `query`, in App Bridge's selection shapes. */
export function pickerResources(store: EmulatorStore, shop: string, type: PickerType, query: string): unknown[] {
  const data = store.data(shop);
  const q = query.trim().toLowerCase();
  const matches = (...texts: (string | null | undefined)[]) => !q || texts.some((text) => (text ?? "").toLowerCase().includes(q));
  const products = [...data.products.values()];
  if (type === "collection") {
    return [...data.collections.values()]
      .filter((c) => matches(c.title, c.handle))
      .slice(0, LIMIT)
      .map(collectionShape);
  }
  if (type === "variant") {
    return products
      .flatMap((p) => p.variants.filter((v) => matches(p.title, v.title, v.sku)).map((v) => ({ ...variantShape(p, v), product: productShape(p) })))
      .slice(0, LIMIT);
  }
  return products
    .filter((p) => matches(p.title, p.handle, ...p.variants.map((v) => v.sku)))
    .slice(0, LIMIT)
    .map(productShape);
}

/** GET /api/resource-picker: the picker's list for a shop the emulator knows. */
export function resourcePickerRoute(store: EmulatorStore, url: URL, res: ServerResponse, cors: Record<string, string>): void {
  const shop = url.searchParams.get("shop") ?? "";
  const type = url.searchParams.get("type") ?? "product";
  if (!store.hasShop(shop)) return sendJson(res, 404, { error: `Unknown shop ${shop}` }, cors);
  if (type !== "product" && type !== "variant" && type !== "collection") return sendJson(res, 400, { error: `Unknown resource type ${type}` }, cors);
  sendJson(res, 200, { resources: pickerResources(store, shop, type, url.searchParams.get("query") ?? "") }, cors);
}

/**
 * The browser side, inlined in /app-bridge.js (uses its ORIGIN and shop): a modal with a search field, one row per
 * resource (checkboxes; one choice when `multiple` is false, at most N when it is a number) and Cancel / Add.
 */
export const RESOURCE_PICKER_SCRIPT = `
  function resourcePicker(options) {
    options = options || {};
    var type = options.type || "product";
    if (["product", "variant", "collection"].indexOf(type) < 0) return Promise.reject(new Error("App Bridge (emulator): unknown resource type " + type));
    var filter = options.filter || {};
    var limit = options.multiple === true ? Infinity : typeof options.multiple === "number" ? options.multiple : 1;
    var nouns = { product: ["product", "products"], variant: ["variant", "variants"], collection: ["collection", "collections"] }[type];
    var verb = options.action === "select" ? "Select" : "Add";
    var selected = new Map();
    (options.selectionIds || []).forEach(function (s) { if (s && s.id) selected.set(s.id, null); });
    return new Promise(function (resolve) {
      var overlay = document.createElement("div");
      overlay.id = "shopify-emulator-resource-picker";
      overlay.setAttribute("style", "position:fixed;inset:0;z-index:2147483645;background:rgba(0,0,0,.5);display:flex;align-items:flex-start;justify-content:center;font:14px system-ui");
      var dialog = document.createElement("div");
      dialog.setAttribute("role", "dialog");
      dialog.setAttribute("aria-modal", "true");
      dialog.setAttribute("aria-label", verb + " " + nouns[limit === 1 ? 0 : 1]);
      dialog.setAttribute("style", "background:#fff;width:min(620px,92vw);margin-top:8vh;border-radius:12px;box-shadow:0 8px 32px rgba(0,0,0,.3);display:flex;flex-direction:column;max-height:80vh");
      dialog.innerHTML =
        '<div style="padding:14px 16px;border-bottom:1px solid #e3e3e3;font-weight:650;font-size:15px"></div>' +
        '<div style="padding:12px 16px"><input type="search" style="width:100%;box-sizing:border-box;padding:8px 10px;border:1px solid #8a8a8a;border-radius:8px;font:inherit"></div>' +
        '<ul role="listbox" style="list-style:none;margin:0;padding:0 8px;overflow:auto;flex:1;min-height:120px"></ul>' +
        '<div style="display:flex;gap:8px;justify-content:flex-end;align-items:center;padding:12px 16px;border-top:1px solid #e3e3e3"><span data-count style="flex:1;color:#616161"></span>' +
        '<button type="button" data-action="cancel" style="padding:6px 12px;border-radius:8px;border:1px solid #c9c9c9;background:#fff;font:inherit;cursor:pointer">Cancel</button>' +
        '<button type="button" data-action="confirm" style="padding:6px 12px;border-radius:8px;border:0;background:#303030;color:#fff;font:inherit;cursor:pointer">' + verb + '</button></div>';
      dialog.firstChild.textContent = verb + " " + nouns[limit === 1 ? 0 : 1];
      var search = dialog.querySelector("input");
      search.setAttribute("aria-label", "Search " + nouns[1]);
      search.placeholder = "Search " + nouns[1];
      search.value = options.query || "";
      var list = dialog.querySelector("ul");
      var count = dialog.querySelector("[data-count]");
      var confirm = dialog.querySelector('[data-action="confirm"]');
      var shown = [];
      function refreshFooter() {
        count.textContent = selected.size ? selected.size + " selected" : "";
        confirm.disabled = selected.size === 0;
        confirm.style.opacity = selected.size ? "1" : ".5";
      }
      function render() {
        list.innerHTML = "";
        if (!shown.length) {
          var none = document.createElement("li");
          none.setAttribute("style", "padding:24px;text-align:center;color:#616161");
          none.textContent = "No " + nouns[1] + " found";
          list.appendChild(none);
        }
        shown.forEach(function (resource) {
          var li = document.createElement("li");
          li.setAttribute("role", "option");
          li.setAttribute("aria-selected", String(selected.has(resource.id)));
          var label = document.createElement("label");
          label.setAttribute("style", "display:flex;gap:10px;align-items:center;padding:8px;border-radius:8px;cursor:pointer");
          var box = document.createElement("input");
          box.type = "checkbox";
          box.checked = selected.has(resource.id);
          var title = type === "variant" ? resource.displayName : resource.title;
          box.setAttribute("aria-label", title);
          var image = type === "product" ? (resource.images[0] || null) : type === "variant" ? resource.image || (resource.product.images[0] || null) : resource.image;
          var thumb = document.createElement(image ? "img" : "span");
          thumb.setAttribute("style", "width:36px;height:36px;border-radius:6px;border:1px solid #e3e3e3;background:#f7f7f7;object-fit:cover;flex:none");
          if (image) thumb.src = image.originalSrc;
          var text = document.createElement("span");
          text.setAttribute("style", "display:flex;flex-direction:column");
          var main = document.createElement("span");
          main.textContent = title;
          var sub = document.createElement("span");
          sub.setAttribute("style", "color:#616161;font-size:12px");
          sub.textContent = type === "product" ? resource.totalVariants + (resource.totalVariants === 1 ? " variant" : " variants")
            : type === "variant" ? (resource.sku ? "SKU " + resource.sku + " · " : "") + resource.price
            : resource.productsCount + (resource.productsCount === 1 ? " product" : " products");
          text.appendChild(main);
          text.appendChild(sub);
          box.addEventListener("change", function () {
            if (box.checked) {
              if (limit === 1) selected.clear();
              else if (selected.size >= limit) { box.checked = false; return; }
              selected.set(resource.id, resource);
            } else selected.delete(resource.id);
            render();
          });
          label.appendChild(box);
          label.appendChild(thumb);
          label.appendChild(text);
          li.appendChild(label);
          list.appendChild(li);
        });
        refreshFooter();
      }
      var wanted = 0;
      function load() {
        var mine = ++wanted;
        var q = [search.value, filter.query || ""].filter(Boolean).join(" ");
        originalFetch(ORIGIN + "/api/resource-picker?shop=" + encodeURIComponent(shop) + "&type=" + type + "&query=" + encodeURIComponent(q))
          .then(function (r) { return r.json(); })
          .then(function (body) {
            if (mine !== wanted) return;
            shown = (body.resources || []).filter(function (r) {
              if (filter.draft === false && r.status === "DRAFT") return false;
              if (filter.archived === false && r.status === "ARCHIVED") return false;
              return true;
            });
            shown.forEach(function (r) { if (selected.has(r.id)) selected.set(r.id, r); });
            render();
          });
      }
      function close(result) {
        overlay.remove();
        resolve(result);
      }
      dialog.querySelector('[data-action="cancel"]').addEventListener("click", function () { close(undefined); });
      confirm.addEventListener("click", function () {
        var picked = [];
        selected.forEach(function (resource, id) { picked.push(resource || { id: id }); });
        if (filter.variants === false) picked = picked.map(function (p) { var c = Object.assign({}, p); delete c.variants; return c; });
        var answer = picked.slice();
        answer.selection = picked;
        close(answer);
      });
      overlay.addEventListener("keydown", function (event) { if (event.key === "Escape") close(undefined); });
      search.addEventListener("input", load);
      overlay.appendChild(dialog);
      document.body.appendChild(overlay);
      search.focus();
      load();
    });
  }
`;
