/**
 * The sandbox storefront's theme: renders the repository's theme app extension (extensions/loyalist-widget) with
 * liquidjs and the few Shopify objects and filters its Liquid uses (`t` with the extension's locales, `asset_url`,
 * `money`, `customer`, `shop`, `product` (with `variants`), `routes`, `request.locale`, `app.metafields`), the way Shopify renders
 * app blocks and the app embed into a theme; `schema.javascript` becomes one deferred script tag, as on Shopify.
 */
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { Liquid } from "liquidjs";

/** The theme app extension rendered by the sandbox storefront. */
export const EXTENSION_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../../../extensions/loyalist-widget");

export type BlockSchema = { name: string; target: string; javascript?: string; settings?: { id: string; default?: unknown }[] };
type Block = { source: string; schema: BlockSchema };

/** A block file split into its Liquid and its `{% schema %}` JSON. */
function readBlock(file: string): Block {
  const text = fs.readFileSync(path.join(EXTENSION_DIR, "blocks", file), "utf8");
  const match = /{%-?\s*schema\s*-?%}([\s\S]*?){%-?\s*endschema\s*-?%}/.exec(text);
  return { source: text.replace(match?.[0] ?? "", ""), schema: JSON.parse(match?.[1] ?? "{}") as BlockSchema };
}

function readLocale(locale: string): Record<string, unknown> {
  const dir = path.join(EXTENSION_DIR, "locales");
  const files = fs.readdirSync(dir);
  const file =
    files.find((f) => f === `${locale}.json`) ?? files.find((f) => f.split(".")[0] === locale.split("-")[0] && !f.includes("schema")) ?? "en.default.json";
  return JSON.parse(fs.readFileSync(path.join(dir, file), "utf8")) as Record<string, unknown>;
}

const lookup = (tree: Record<string, unknown>, key: string): unknown =>
  key.split(".").reduce<unknown>((node, part) => (node && typeof node === "object" ? (node as Record<string, unknown>)[part] : undefined), tree);

export type ThemeProduct = {
  id: number;
  title: string;
  handle: string;
  tags: string[];
  collectionIds: number[];
  priceMinor: number;
  /** Every variant with its price (Liquid's hundredths), and the one selected (`?variant=`, else the first). */
  variants?: { id: number; title: string; price: number }[];
  selectedVariantId?: number;
};

export type ThemeContext = {
  shop: { name: string; currency: string; domain: string };
  locale: string;
  customer: { id: number; email: string | null; first_name: string | null; last_name: string | null } | null;
  /** URL prefix of the storefront's pages (e.g. /storefront/shop.myshopify.com). */
  base: string;
  /** URL prefix the extension's assets are served from. */
  assetBase: string;
  /** The app-data metafields of the app installation, by namespace and key (already parsed JSON values). */
  appMetafields: Record<string, Record<string, unknown>>;
  product?: ThemeProduct;
};

/** Renders the extension's blocks for one page view. */
export class ThemeRenderer {
  private readonly engine: Liquid;
  private readonly scripts = new Set<string>();
  private blockCount = 0;

  constructor(private readonly ctx: ThemeContext) {
    const english = readLocale("en");
    const strings = readLocale(ctx.locale);
    const money = new Intl.NumberFormat(ctx.locale, { style: "currency", currency: ctx.shop.currency });
    this.engine = new Liquid({ root: path.join(EXTENSION_DIR, "snippets"), extname: ".liquid", jsTruthy: false, ownPropertyOnly: true });
    this.engine.registerFilter("t", (key: string, ...args: unknown[]) => {
      const vars = Object.fromEntries(args.filter((a): a is [string, unknown] => Array.isArray(a)));
      const text = lookup(strings, key) ?? lookup(english, key);
      if (typeof text !== "string") return `translation missing: ${ctx.locale}.${key}`;
      return text.replace(/{{\s*(\w+)\s*}}/g, (_, name: string) => String(vars[name] ?? ""));
    });
    this.engine.registerFilter("asset_url", (file: string) => `${ctx.assetBase}/${file}`);
    this.engine.registerFilter("money", (cents: number) => money.format(Number(cents) / 100));
  }

  /** Shopify's global objects for the extension's Liquid. */
  private globals(): Record<string, unknown> {
    const { ctx } = this;
    const product = ctx.product;
    return {
      shop: { name: ctx.shop.name, currency: ctx.shop.currency, permanent_domain: ctx.shop.domain },
      customer: ctx.customer ? { ...ctx.customer, name: [ctx.customer.first_name, ctx.customer.last_name].filter(Boolean).join(" ") } : null,
      request: { locale: { iso_code: ctx.locale }, design_mode: false },
      routes: {
        root_url: `${ctx.base}/`,
        cart_url: `${ctx.base}/cart`,
        account_url: `${ctx.base}/account`,
        account_login_url: `${ctx.base}/account/login`,
        account_register_url: `${ctx.base}/account/register`,
      },
      app: {
        metafields: Object.fromEntries(
          Object.entries(ctx.appMetafields).map(([ns, keys]) => [ns, Object.fromEntries(Object.entries(keys).map(([k, value]) => [k, { value }]))]),
        ),
      },
      product: product
        ? {
            id: product.id,
            title: product.title,
            handle: product.handle,
            tags: product.tags,
            collections: product.collectionIds.map((id) => ({ id })),
            variants: product.variants ?? [],
            selected_or_first_available_variant: product.variants?.find((v) => v.id === product.selectedVariantId) ?? { price: product.priceMinor },
          }
        : null,
    };
  }

  /** Renders one block (file under blocks/) with its settings' defaults overridden by `settings`. */
  async block(file: string, settings: Record<string, unknown> = {}): Promise<string> {
    const { source, schema } = readBlock(file);
    const defaults = Object.fromEntries((schema.settings ?? []).map((s) => [s.id, s.default ?? null]));
    if (schema.javascript) this.scripts.add(schema.javascript);
    const block = { id: `block-${++this.blockCount}`, settings: { ...defaults, ...settings }, shopify_attributes: "" };
    const html = (await this.engine.parseAndRender(source, { block }, { globals: this.globals() })) as string;
    return schema.target === "body" ? html : `<div class="shopify-app-block">${html}</div>`;
  }

  /** The script tags Shopify adds for the rendered blocks' `javascript` (each file once, deferred). */
  scriptTags(): string {
    return [...this.scripts].map((file) => `<script src="${this.ctx.assetBase}/${file}" defer></script>`).join("\n");
  }
}
