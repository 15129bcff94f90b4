// Which topics each webhook path takes, read from shopify.app.toml: the app answers on exactly the
// subscriptions the configuration declares, and nowhere else.
import fs from "node:fs";
import path from "node:path";
import { parse } from "smol-toml";

type Subscription = { topics?: string[]; compliance_topics?: string[]; uri: string };

let cached: Map<string, string[]> | undefined;

/** Parses the toml's [[webhooks.subscriptions]] into path → topics. */
export function webhookEndpointsFromToml(text: string): Map<string, string[]> {
  const config = parse(text) as { webhooks?: { subscriptions?: Subscription[] } };
  const endpoints = new Map<string, string[]>();
  for (const subscription of config.webhooks?.subscriptions ?? []) {
    const topics = [...(subscription.topics ?? []), ...(subscription.compliance_topics ?? [])];
    endpoints.set(subscription.uri, [...(endpoints.get(subscription.uri) ?? []), ...topics]);
  }
  return endpoints;
}

/** The app's webhook endpoints (path → topics), from the shopify.app.toml next to package.json. */
export function webhookEndpoints(root = process.cwd()): Map<string, string[]> {
  cached ??= webhookEndpointsFromToml(fs.readFileSync(path.join(root, "shopify.app.toml"), "utf8"));
  return cached;
}
