/** POST /{shop}/admin/api/{version}/graphql.json: authentication, faults, then execution. */
import { randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { FaultInjector, FaultSpec } from "../faults";
import { readBody, sendJson, type EmulatorLogger } from "../http";
import type { EmulatorStore } from "../store/store";
import { expandScopes } from "../store/tokens";
import type { GqlContext } from "./context";
import { executeGraphql, planCost, planGraphql, throttledBody, type GraphqlPlan, type GraphqlResponseBody } from "./execute";
import { ADMIN_API_VERSION } from "./schema";
import type { ThrottleRegistry } from "./throttle";
import type { WebhookSender } from "../webhooks/sender";

export interface GraphqlEndpointEnv {
  store: EmulatorStore;
  faults: FaultInjector;
  throttle: ThrottleRegistry;
  logger: EmulatorLogger;
  enforceScopes: boolean;
  orderWindowDays: number | null;
  heldResponses: Set<ServerResponse>;
  log: GraphqlLogEntry[];
  /** The emulator's origin, for URLs it hands out (bulk operation results). */
  origin?: () => string;
  /** Where the webhooks mutations trigger go (none: they are dropped, for a bare endpoint). */
  webhooks?: WebhookSender;
}

/** One Admin API call the app made (tests can assert on what the app asked). */
export interface GraphqlLogEntry {
  shop: string;
  at: string;
  operationName: string | null;
  rootFields: string[];
  query: string;
  variables: unknown;
  status: number;
  fault: FaultSpec["kind"] | null;
}

const INVALID_TOKEN = { errors: "[API] Invalid API key or access token (unrecognized login or wrong password)" };

function applyFault(
  env: GraphqlEndpointEnv,
  fault: FaultSpec,
  req: IncomingMessage,
  res: ServerResponse,
  plan: GraphqlPlan & { ok: true },
  shop: string,
): number {
  const requestId = randomUUID();
  switch (fault.kind) {
    case "http500":
      sendJson(
        res,
        500,
        {
          errors: [
            {
              message: `Internal error. Looks like something went wrong on our end.\nRequest ID: ${requestId} (include this in support requests).`,
              extensions: { code: "INTERNAL_SERVER_ERROR", requestId },
            },
          ],
        },
        { "X-Request-Id": requestId },
      );
      return 500;
    case "http503":
      sendJson(res, 503, { errors: "Service Unavailable" }, { "Retry-After": "1", "X-Request-Id": requestId });
      return 503;
    case "throttled":
      sendJson(res, 200, throttledBody(planCost(plan), env.throttle.bucket(shop, Date.now()).status(Date.now())), { "X-Request-Id": requestId });
      return 200;
    case "timeout": {
      env.heldResponses.add(res);
      res.on("close", () => env.heldResponses.delete(res));
      if (fault.holdMs !== undefined) setTimeout(() => req.socket.destroy(), fault.holdMs).unref();
      return 0;
    }
    case "network":
      req.socket.destroy();
      return 0;
  }
}

function context(env: GraphqlEndpointEnv, shop: string, scopes: string[]): GqlContext {
  const now = env.store.now();
  const expanded = expandScopes(scopes);
  const windowStart = env.orderWindowDays === null || expanded.has("read_all_orders") ? null : new Date(now.getTime() - env.orderWindowDays * 86_400_000);
  return {
    store: env.store,
    data: env.store.data(shop),
    shop,
    now,
    scopes: expanded,
    enforceScopes: env.enforceScopes,
    ordersVisibleSince: windowStart,
    searchWarnings: [],
    origin: env.origin?.(),
    webhooks: [],
  };
}

/** Handles one Admin GraphQL HTTP request. */
export async function handleGraphqlRequest(env: GraphqlEndpointEnv, req: IncomingMessage, res: ServerResponse, shop: string, version: string): Promise<void> {
  const headers = { "X-Shopify-API-Version": ADMIN_API_VERSION, "X-Request-Id": randomUUID() };
  if (version !== ADMIN_API_VERSION) return sendJson(res, 404, { errors: `The emulator only serves Admin API ${ADMIN_API_VERSION}` }, headers);
  if (!env.store.hasShop(shop)) return sendJson(res, 404, { errors: "Not Found" }, headers);
  if (req.method !== "POST") return sendJson(res, 405, { errors: "Method Not Allowed" }, headers);
  const token = env.store.tokens.findAccess(String(req.headers["x-shopify-access-token"] ?? ""), shop, env.store.now().getTime());
  if (!token) return sendJson(res, 401, INVALID_TOKEN, headers);
  let parsed: unknown;
  try {
    parsed = JSON.parse((await readBody(req)).toString("utf8"));
  } catch {
    return sendJson(res, 400, { errors: { query: "Required parameter missing or invalid" } }, headers);
  }
  const body = parsed && typeof parsed === "object" ? (parsed as Record<string, unknown>) : {};
  const plan = planGraphql(body);
  const entry: GraphqlLogEntry = {
    shop,
    at: new Date().toISOString(),
    operationName: typeof body.operationName === "string" ? body.operationName : null,
    rootFields: plan.rootFields,
    query: typeof body.query === "string" ? body.query : "",
    variables: body.variables ?? null,
    status: 200,
    fault: null,
  };
  env.log.push(entry);
  if (!plan.ok) return sendJson(res, 200, plan.body, headers);
  const fault = env.faults.take(shop, plan.rootFields);
  if (fault) entry.fault = fault.kind;
  if (fault && !fault.afterApply) {
    entry.status = applyFault(env, fault, req, res, plan, shop);
    return;
  }
  const ctx = context(env, shop, token.scopes);
  const result: GraphqlResponseBody = await executeGraphql(plan, ctx, env.throttle.bucket(shop, Date.now()));
  env.logger.debug({ shop, rootFields: plan.rootFields, cost: result.extensions?.cost?.actualQueryCost }, "admin graphql");
  if (fault) entry.status = applyFault(env, fault, req, res, plan, shop);
  else sendJson(res, 200, result, headers);
  // After the answer, and even when a fault lost it: the change happened, so Shopify still tells the app.
  deliverWebhooks(env, shop, ctx.webhooks);
}

/** Sends a request's webhooks in order, in the background (each delivery is recorded by the sender). */
function deliverWebhooks(env: GraphqlEndpointEnv, shop: string, webhooks: GqlContext["webhooks"]): void {
  const sender = env.webhooks;
  if (!sender || !webhooks.length) return;
  void (async () => {
    for (const { topic, payload } of webhooks) {
      await sender.send({ shop, topic, payload }).catch((error: unknown) => env.logger.error({ topic, error: String(error) }, "webhook not sent"));
    }
  })();
}
