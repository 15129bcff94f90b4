/** Shopify Flow's side: the trigger lifecycle callback and Flow action runs, POSTed to the app and signed as Flow signs them. */
import { randomUUID } from "node:crypto";
import type { EmulatorStore } from "./store/store";
import { readFlowExtensions } from "./flow-extensions";
import { signWebhookBody } from "./webhooks/sign";
import type { FlowTriggerRecord } from "./store/types";

export interface FlowEnv {
  appUrl: string;
  apiSecret: string;
}

export type FlowTamper = "badHmac" | "noHmac";
export type FlowAnswer = { status: number; body: string };

/** The path of an extension's url (the toml holds the production host; the emulator posts to the app under test). */
function extensionPath(type: "flow_action" | "flow_trigger_lifecycle_callback", handle?: string): string {
  const extension = readFlowExtensions().find((e) => e.type === type && (!handle || e.handle === handle));
  if (!extension?.url) throw new Error(`no ${type} extension${handle ? ` ${handle}` : ""} with a url in extensions/`);
  return new URL(extension.url, "https://example.com").pathname;
}

export class FlowActions {
  constructor(
    private readonly store: EmulatorStore,
    private readonly env: FlowEnv,
  ) {}

  /** The triggers the shop received, oldest first (optionally of one handle). */
  triggers(shop: string, handle?: string): FlowTriggerRecord[] {
    return this.store.flowTriggers(shop, handle);
  }

  /** A merchant turns on (or off) a workflow that starts with `trigger`: Flow's lifecycle callback to the app. */
  setWorkflow(shop: string, trigger: string, enabled: boolean, options: { timestamp?: Date; tamper?: FlowTamper } = {}): Promise<FlowAnswer> {
    const body = {
      flow_trigger_definition_id: trigger,
      has_enabled_flow: enabled,
      shop_id: this.store.shop(shop).id,
      shopify_domain: shop,
      timestamp: (options.timestamp ?? new Date()).toISOString(),
    };
    return this.post(extensionPath("flow_trigger_lifecycle_callback"), JSON.stringify(body), options.tamper);
  }

  /** A workflow runs a Flow action of the app with its fields (`properties`); `actionRunId` is what Flow repeats on a retry. */
  runAction(
    shop: string,
    handle: string,
    properties: Record<string, unknown>,
    options: { actionRunId?: string; tamper?: FlowTamper } = {},
  ): Promise<FlowAnswer> {
    const body = {
      shop_id: this.store.shop(shop).id,
      shopify_domain: shop,
      action_run_id: options.actionRunId ?? randomUUID(),
      action_definition_id: handle,
      handle,
      properties,
    };
    return this.post(extensionPath("flow_action", handle), JSON.stringify(body), options.tamper);
  }

  /** Sends raw bytes to a Flow endpoint of the app (malformed bodies). */
  async post(path: string, body: string, tamper?: FlowTamper): Promise<FlowAnswer> {
    const secret = tamper === "badHmac" ? `${this.env.apiSecret}-wrong` : this.env.apiSecret;
    const response = await fetch(new URL(path, this.env.appUrl), {
      method: "POST",
      headers: {
        "Content-Type": "application/json",
        "User-Agent": "Shopify-Flow",
        ...(tamper === "noHmac" ? {} : { "X-Shopify-Hmac-Sha256": signWebhookBody(body, secret) }),
      },
      body,
    });
    return { status: response.status, body: await response.text() };
  }
}
