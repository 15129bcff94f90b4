// Every Admin GraphQL call goes through here: graphql-request, the pinned API version, the sandbox origin
// override, and cost-aware retries driven by Shopify's throttleStatus (never blind sleeps).
import { ClientError, GraphQLClient } from "graphql-request";
import prisma from "~/db.server";
import { shopifyFetch } from "./admin-origin.server";

import { ADMIN_API_VERSION } from "./api-version";

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

export type AdminClient = {
  shop: string;
  request<T>(document: string, variables?: Record<string, unknown>): Promise<T>;
};

function waitForPoints(cost: Cost | undefined, fallbackMs: number): number {
  const status = cost?.throttleStatus;
  const needed = cost?.requestedQueryCost ?? 50;
  if (!status || status.restoreRate <= 0) return fallbackMs;
  const missing = Math.max(0, needed - status.currentlyAvailable);
  return Math.min(10_000, Math.ceil((missing / status.restoreRate) * 1000) + 50);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * An Admin GraphQL client for one shop's offline access token. Retries throttles and 5xx up to `attempts` times;
 * with `retryOnlyThrottled` (mutations that must not run twice) only throttled requests, which Shopify never executed.
 */
export function adminClient(
  shop: string,
  accessToken: string,
  { attempts = 4, timeoutMs = 10_000, retryOnlyThrottled = false }: { attempts?: number; timeoutMs?: number; retryOnlyThrottled?: boolean } = {},
): AdminClient {
  const client = new GraphQLClient(`https://${shop}/admin/api/${ADMIN_API_VERSION}/graphql.json`, {
    headers: { "X-Shopify-Access-Token": accessToken },
    fetch: (input: RequestInfo | URL, init?: RequestInit) =>
      shopifyFetch(input, { ...init, signal: AbortSignal.timeout(timeoutMs) }),
  });
  return {
    shop,
    async request<T>(document: string, variables?: Record<string, unknown>): Promise<T> {
      let lastError: AdminApiError | undefined;
      for (let attempt = 1; attempt <= attempts; attempt++) {
        try {
          const response = await client.rawRequest<T>(document, variables);
          return response.data;
        } catch (error) {
          lastError = toAdminApiError(error);
          const retryable =
            lastError.kind === "throttled" || (!retryOnlyThrottled && (lastError.kind === "network" || (lastError.status ?? 0) >= 500));
          if (!retryable || attempt === attempts) break;
          const cost = error instanceof ClientError ? (error.response.extensions as { cost?: Cost } | undefined)?.cost : undefined;
          await sleep(lastError.kind === "throttled" ? waitForPoints(cost, 1000) : 200 * 2 ** attempt);
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

/** An Admin client with the shop's offline access token (background jobs, webhooks). */
export async function offlineAdminClient(shop: string, options?: Parameters<typeof adminClient>[2]): Promise<AdminClient> {
  const session = await prisma.session.findFirst({ where: { shop, isOnline: false }, orderBy: { expires: "desc" } });
  if (!session) throw new AdminApiError(`no offline session for ${shop}`, "http", 401);
  return adminClient(shop, session.accessToken, options);
}
