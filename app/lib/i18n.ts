// Admin strings live in app/locales/<locale>.json; `t("members.title")` reads them, `{name}` placeholders filled.
import en from "~/locales/en.json";

type Messages = { [key: string]: string | Messages };
const locales: Record<string, Messages> = { en };

/** The message at a dotted key, with `{name}` placeholders replaced; the key itself when missing. */
export function t(key: string, values: Record<string, string | number> = {}, locale = "en"): string {
  let node: string | Messages | undefined = locales[locale] ?? en;
  for (const part of key.split(".")) node = typeof node === "object" ? node[part] : undefined;
  if (typeof node !== "string") return key;
  return node.replace(/\{(\w+)\}/g, (_, name: string) => (name in values ? String(values[name]) : `{${name}}`));
}
