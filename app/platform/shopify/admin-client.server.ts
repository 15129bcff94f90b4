// Every Admin GraphQL call goes through here (docs/decisions/010-one-admin-client.md): sessions and access
// tokens from the Shopify library (which refreshes expiring offline tokens), graphql-request as transport with
// the pinned API version, the sandbox origin override, and cost-aware retries driven by Shopify's
// throttleStatus (never blind sleeps). Result and variable types come from codegen (app/types/admin.generated.d.ts).
import { HttpResponseError, type Session } from "@shopify/shopify-api";
import { SessionNotFoundError } from "@shopify/shopify-app-remix/server";
import type { AdminMutations, AdminQueries } from "@shopify/admin-api-client";
import { ClientError, GraphQLClient } from "graphql-request";
import { shopifyFetch } from "~/platform/shopify/admin-origin.server";

import { ADMIN_API_VERSION } from "~/platform/shopify/api-version";
import { count } from "~/platform/metrics.server";
import { sleep } from "~/platform/sleep";

export { ADMIN_API_VERSION };

type ThrottleStatus = { maximumAvailable: number; currentlyAvailable: number; restoreRate: number };
type Cost = { requestedQueryCost?: number; actualQueryCost?: number; throttleStatus?: ThrottleStatus };

export class AdminApiError extends Error {
  constructor(
    message: string,
    readonly kind: "throttled" | "http" | "network" | "graphql",
    readonly status?: number,
  ) {
    super(message);
  }
}

/** Every GraphQL document of the app (the "#graphql" literals), with its generated result and variables types. */
type Operations = AdminQueries & AdminMutations;
type AdminDocument = keyof Operations & string;
/** The document's variables, required when the operation has a required variable. */
type VariablesArg<D extends AdminDocument> =
  Record<string, never> extends Operations[D]["variables"] ? [variables?: Operations[D]["variables"]] : [variables: Operations[D]["variables"]];

export type AdminClient = {
  shop: string;
  /** Runs one of the app's documents; the answer is typed by codegen from the document's text. */
  request<D extends AdminDocument>(document: D, ...variables: VariablesArg<D>): Promise<Operations[D]["return"]>;
};

export type AdminClientOptions = { attempts?: number; timeoutMs?: number; retryOnlyThrottled?: boolean };

function waitForPoints(cost: Cost | undefined, fallbackMs: number): number {
  const status = cost?.throttleStatus;
  const needed = cost?.requestedQueryCost ?? 50;
  if (!status || status.restoreRate <= 0) return fallbackMs;
  const missing = Math.max(0, needed - status.currentlyAvailable);
  return Math.min(10_000, Math.ceil((missing / status.restoreRate) * 1000) + 50);
}

/**
 * An Admin GraphQL client for a session the library authenticated (`authenticate.admin(request).session`, or
 * `unauthenticated.admin(shop)` through adminClientForShop). Retries throttles and 5xx up to `attempts` times;
 * with `retryOnlyThrottled` (mutations that must not run twice) only throttled requests, which Shopify never executed.
 */
export function adminClientForSession(
  session: Pick<Session, "shop" | "accessToken">,
  { attempts = 4, timeoutMs = 10_000, retryOnlyThrottled = false }: AdminClientOptions = {},
): AdminClient {
  const shop = session.shop;
  if (!session.accessToken) throw new AdminApiError(`no access token for ${shop}`, "http", 401);
  const client = new GraphQLClient(`https://${shop}/admin/api/${ADMIN_API_VERSION}/graphql.json`, {
    headers: { "X-Shopify-Access-Token": session.accessToken },
    fetch: (input: RequestInfo | URL, init?: RequestInit) => shopifyFetch(input, { ...init, signal: AbortSignal.timeout(timeoutMs) }),
  });
  return {
    shop,
    async request<D extends AdminDocument>(document: D, ...[variables]: VariablesArg<D>): Promise<Operations[D]["return"]> {
      let lastError: AdminApiError | undefined;
      for (let attempt = 1; attempt <= attempts; attempt++) {
        try {
          const response = await client.rawRequest<Operations[D]["return"]>(document, variables as Record<string, unknown> | undefined);
          return response.data;
        } catch (error) {
          lastError = toAdminApiError(error);
          const retryable = lastError.kind === "throttled" || (!retryOnlyThrottled && (lastError.kind === "network" || (lastError.status ?? 0) >= 500));
          if (!retryable || attempt === attempts) break;
          const cost = error instanceof ClientError ? (error.response.extensions as { cost?: Cost } | undefined)?.cost : undefined;
          if (lastError.kind === "throttled") {
            const waitMs = waitForPoints(cost, 1000);
            count("adminThrottleWaits");
            count("adminThrottleSeconds", {}, waitMs / 1000);
            await sleep(waitMs);
          } else await sleep(200 * 2 ** attempt);
        }
      }
      throw lastError ?? new AdminApiError("Admin API request failed", "network");
    },
  };
}

function toAdminApiError(error: unknown): AdminApiError {
  if (error instanceof ClientError) {
    const errors = error.response.errors ?? [];
    if (errors.some((e) => (e.extensions as { code?: string } | undefined)?.code === "THROTTLED")) {
      return new AdminApiError("Throttled by Shopify", "throttled", error.response.status);
    }
    if (error.response.status >= 400 && !errors.length) {
      return new AdminApiError(`Admin API answered HTTP ${error.response.status}`, "http", error.response.status);
    }
    return new AdminApiError(errors.map((e) => e.message).join("; ") || error.message, "graphql", error.response.status);
  }
  return new AdminApiError(error instanceof Error ? error.message : String(error), "network");
}

/**
 * An Admin client with the shop's offline session (background jobs, webhooks), loaded by the library, which
 * refreshes an expiring offline token first. No session (never installed, uninstalled): AdminApiError 401.
 */
export async function offlineAdminClient(shop: string, options?: AdminClientOptions): Promise<AdminClient> {
  let session: Session;
  try {
    // Imported when first needed: the Shopify app object reads the app's secrets, which the job runner's
    // tests and tools that only schedule work do not have.
    const { unauthenticated } = await import("~/shopify.server");
    ({ session } = await unauthenticated.admin(shop));
  } catch (error) {
    // No session (never installed, uninstalled) is as good as a revoked token; a refused refresh keeps its status.
    if (error instanceof SessionNotFoundError) throw new AdminApiError(`no offline session for ${shop}`, "http", 401);
    if (error instanceof HttpResponseError) throw new AdminApiError(`offline token refresh for ${shop} failed: ${error.message}`, "http", error.response.code);
    throw error;
  }
  return adminClientForSession(session, options);
}
