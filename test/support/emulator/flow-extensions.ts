/** The app's Flow extensions (extensions/*\/shopify.extension.toml), as Shopify knows them once deployed. */
import { readdirSync, readFileSync, existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parse } from "smol-toml";

export interface FlowExtension {
  type: "flow_trigger" | "flow_action" | "flow_trigger_lifecycle_callback";
  handle: string;
  name: string;
  /** Trigger and action fields: `customer_id` for a customer_reference, else the field's key. */
  fields: Array<{ key: string; type: string }>;
  /** flow_action: runtime_url; lifecycle callback: url. */
  url: string | null;
}

export const EXTENSIONS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../../extensions");

type Table = Record<string, unknown>;

/** Reads every Flow extension of the app. */
export function readFlowExtensions(dir: string = EXTENSIONS_DIR): FlowExtension[] {
  const out: FlowExtension[] = [];
  for (const name of readdirSync(dir)) {
    const file = path.join(dir, name, "shopify.extension.toml");
    if (!existsSync(file)) continue;
    const doc = parse(readFileSync(file, "utf8")) as Table;
    const settings = (doc.settings ?? {}) as Table;
    const fields = ((settings.fields ?? []) as Table[]).map((f) => ({
      key: String(f.type).endsWith("_reference") ? `${String(f.type).replace("_reference", "")}_id` : String(f.key),
      type: String(f.type),
    }));
    for (const ext of (doc.extensions ?? []) as Table[]) {
      const type = String(ext.type);
      if (type !== "flow_trigger" && type !== "flow_action" && type !== "flow_trigger_lifecycle_callback") continue;
      out.push({ type, handle: String(ext.handle), name: String(ext.name), fields, url: String(ext.runtime_url ?? ext.url ?? "") || null });
    }
  }
  return out;
}
