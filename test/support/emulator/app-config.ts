/** What the emulator reads from the app's shopify.app.toml: scopes, webhook subscriptions, app proxy. */
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parse } from "smol-toml";

export interface WebhookSubscription {
  topics: string[];
  uri: string;
  compliance: boolean;
}
export interface AppProxyConfig {
  url: string;
  prefix: string;
  subpath: string;
  appPath: string;
  storefrontPrefix: string;
}

export interface AppConfig {
  name: string;
  handle: string;
  clientId: string | null;
  scopes: string[];
  webhookApiVersion: string;
  subscriptions: WebhookSubscription[];
  appProxy: AppProxyConfig | null;
}

/** The repository's shopify.app.toml. */
export const DEFAULT_APP_TOML = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../../shopify.app.toml");

type Table = Record<string, unknown>;
const table = (v: unknown): Table => (v && typeof v === "object" && !Array.isArray(v) ? (v as Table) : {});
const strings = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : []);

/** Parses a shopify.app.toml file. */
export function readAppConfig(tomlPath: string = DEFAULT_APP_TOML): AppConfig {
  const doc = parse(readFileSync(tomlPath, "utf8")) as Table;
  const webhooks = table(doc.webhooks);
  const subscriptions = (Array.isArray(webhooks.subscriptions) ? webhooks.subscriptions : []).map((s) => {
    const sub = table(s);
    const compliance = strings(sub.compliance_topics);
    return { topics: [...strings(sub.topics), ...compliance], uri: String(sub.uri ?? ""), compliance: compliance.length > 0 };
  });
  const proxy = table(doc.app_proxy);
  const name = String(doc.name ?? "app");
  return {
    name,
    handle: name.toLowerCase().replace(/[^a-z0-9]+/g, "-"),
    clientId: typeof doc.client_id === "string" ? doc.client_id : null,
    scopes: String(table(doc.access_scopes).scopes ?? "")
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean),
    webhookApiVersion: String(webhooks.api_version ?? "2026-10"),
    subscriptions,
    appProxy:
      typeof proxy.url === "string"
        ? {
            url: proxy.url,
            prefix: String(proxy.prefix ?? "apps"),
            subpath: String(proxy.subpath ?? ""),
            appPath: new URL(proxy.url).pathname.replace(/\/$/, ""),
            storefrontPrefix: `/${String(proxy.prefix ?? "apps")}/${String(proxy.subpath ?? "")}`,
          }
        : null,
  };
}

/** The relative uri a topic is delivered to, or undefined when the app does not subscribe to it. */
export function webhookUri(config: AppConfig, topic: string): string | undefined {
  return config.subscriptions.find((s) => s.topics.includes(topic))?.uri;
}
