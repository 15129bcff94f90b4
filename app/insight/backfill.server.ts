// The install backfill (docs/decisions/032-install-backfill.md): a newly installed shop's past year of orders
// through one Admin GraphQL bulk query, its JSONL downloaded and read as a stream, fed into Insight's tables
// through the set-based bulk path (recordInsightOrders), which reaches the state the webhook path reaches for
// the same orders. The state lives in InsightBackfill (kind "orders"); every step can be re-run: a restart
// polls the same operation and resumes after the orders already imported. Backfilled orders earn no points
// (they predate the program); only Insight reads them.
import { Readable } from "node:stream";
import { createInterface } from "node:readline";
import prisma from "~/db.server";
import { logger } from "~/platform/logger.server";
import { now } from "~/platform/clock.server";
import { offlineAdminClient, type AdminClient } from "~/platform/shopify/admin-client.server";
import { legacyId } from "~/platform/shopify/gid";
import { orderFactsFromGraphql } from "~/earning/orders-sync.server";
import { ORDER_FOR_EARNING_QUERY } from "~/earning/documents";
import { syncLocations, syncProducts } from "~/catalogue/products-sync.server";
import { BACKFILL_ORDERS_BULK_QUERY, BULK_OPERATION_QUERY, BULK_RUN_QUERY_MUTATION } from "~/insight/documents";
import { childrenOfType, groupBulkRoots, type BulkRoot } from "~/insight/bulk-jsonl";
import { recordInsightOrders } from "~/insight/ingest.server";
import { insightOrder, type InsightOrderInput } from "~/insight/orders";
import type { LoyalistOrderForEarningQuery } from "~/types/admin.generated";

const KIND = "orders";
/** Orders per set-based write (one transaction; a restart re-imports at most one batch). */
export const BACKFILL_BATCH = 1_000;
const LEASE_SECONDS = 120;
/** One job run imports for at most this long, then hands over to the next run (pg-boss expires long jobs). */
const RUN_BUDGET_MS = 8 * 60_000;

export type BackfillStatus = "created" | "running" | "completed" | "failed";
export type BackfillProgress = { status: BackfillStatus; rows: number; total: number | null; fraction: number | null; error: string | null };

type GraphqlOrder = NonNullable<LoyalistOrderForEarningQuery["order"]>;

/** The bulk query text for orders processed since `since` (bulk queries take no variables). */
export function backfillOrdersQuery(since: Date): string {
  return BACKFILL_ORDERS_BULK_QUERY.replace("#graphql", "").replace("processed_at:>=SINCE", `processed_at:>='${since.toISOString()}'`);
}

/** Asks for the shop's backfill (install): a no-op when one is done or under way, so reinstalling does not import twice; a failed one starts over. */
export async function requestInsightBackfill(shopDomain: string): Promise<void> {
  await prisma.$executeRaw`
    INSERT INTO "InsightBackfill" ("shopDomain", kind, status, "startedAt", "updatedAt") VALUES (${shopDomain}, ${KIND}, 'created', now(), now())
    ON CONFLICT ("shopDomain", kind) DO UPDATE SET status = 'created', "operationId" = NULL, rows = 0, total = NULL, error = NULL,
      "startedAt" = now(), "finishedAt" = NULL, "updatedAt" = now()
    WHERE "InsightBackfill".status = 'failed'`;
}

/** What the Insight page shows: null when the shop has no backfill. */
export async function insightBackfillProgress(shopDomain: string): Promise<BackfillProgress | null> {
  const row = await prisma.insightBackfill.findUnique({ where: { shopDomain_kind: { shopDomain, kind: KIND } } });
  if (!row) return null;
  const fraction = row.status === "completed" ? 1 : row.total ? Math.min(1, row.rows / row.total) : row.total === 0 ? 1 : null;
  return { status: row.status as BackfillStatus, rows: row.rows, total: row.total, fraction, error: row.error };
}

/** Takes the shop's backfill lease (one importer at a time across instances); false when another run holds it. */
async function takeLease(shopDomain: string): Promise<boolean> {
  const taken = await prisma.$executeRaw`
    UPDATE "InsightBackfill" SET "leaseUntil" = now() + make_interval(secs => ${LEASE_SECONDS}), "updatedAt" = now()
    WHERE "shopDomain" = ${shopDomain} AND kind = ${KIND} AND status IN ('created', 'running') AND ("leaseUntil" IS NULL OR "leaseUntil" < now())`;
  return taken === 1;
}

async function update(shopDomain: string, data: Record<string, unknown>): Promise<void> {
  await prisma.insightBackfill.update({ where: { shopDomain_kind: { shopDomain, kind: KIND } }, data: { ...data, updatedAt: new Date() } });
}

export type AdvanceResult = "busy" | "waiting" | "paused" | "completed" | "failed" | "none";

/**
 * Moves one shop's backfill on as far as it can now: starts the bulk operation, or polls it, or imports its
 * result from where the last run stopped. Safe to call from any number of instances and after any crash.
 */
export async function advanceInsightBackfill(
  shopDomain: string,
  options: { client?: AdminClient; budgetMs?: number; fetchImpl?: typeof fetch } = {},
): Promise<AdvanceResult> {
  const row = await prisma.insightBackfill.findUnique({ where: { shopDomain_kind: { shopDomain, kind: KIND } } });
  if (!row) return "none";
  if (row.status === "completed" || row.status === "failed") return row.status;
  if (!(await takeLease(shopDomain))) return "busy";
  try {
    const admin = options.client ?? (await offlineAdminClient(shopDomain));
    if (!row.operationId) {
      // Categories and location names come from the catalogue: it is read first, so lines land with their category.
      await syncProducts(shopDomain, admin);
      await syncLocations(shopDomain, admin);
      const since = new Date((await now()).getTime() - 365 * 86_400_000);
      const started = await admin.request(BULK_RUN_QUERY_MUTATION, { query: backfillOrdersQuery(since) });
      const errors = started.bulkOperationRunQuery?.userErrors ?? [];
      const op = started.bulkOperationRunQuery?.bulkOperation;
      if (!op) {
        // Another bulk query of this app is running on the shop: try again on the next run.
        if (errors.some((e) => e.code === "OPERATION_IN_PROGRESS")) return "waiting";
        await update(shopDomain, { status: "failed", error: errors.map((e) => e.message).join("; ") || "bulk query refused", finishedAt: new Date() });
        return "failed";
      }
      await update(shopDomain, { status: "running", operationId: op.id, rows: 0, total: null });
      return "waiting";
    }
    const { node } = await admin.request(BULK_OPERATION_QUERY, { id: row.operationId });
    const op = node && "status" in node ? node : null;
    if (!op || op.status === "CANCELED" || op.status === "EXPIRED") {
      // Gone or expired (results keep 7 days): start over; the import is idempotent.
      await update(shopDomain, { operationId: null, rows: 0, total: null });
      return "waiting";
    }
    if (op.status === "FAILED") {
      await update(shopDomain, { status: "failed", error: `bulk operation failed: ${op.errorCode ?? "unknown"}`, finishedAt: new Date() });
      return "failed";
    }
    if (op.status !== "COMPLETED") return "waiting";
    const total = Number(op.rootObjectCount);
    if (row.total !== total) await update(shopDomain, { total });
    if (!op.url) {
      await update(shopDomain, { status: "completed", rows: 0, total: 0, finishedAt: new Date() });
      return "completed";
    }
    const done = await importBulkResult(shopDomain, op.url, {
      skip: row.rows,
      client: admin,
      budgetMs: options.budgetMs ?? RUN_BUDGET_MS,
      fetchImpl: options.fetchImpl,
      onBatch: (rows) => update(shopDomain, { rows, leaseUntil: new Date(Date.now() + LEASE_SECONDS * 1000) }),
    });
    if (!done.finished) return "paused";
    await update(shopDomain, { status: "completed", rows: done.rows, finishedAt: new Date() });
    logger.info({ shop: shopDomain, orders: done.rows }, "insight backfill completed");
    return "completed";
  } catch (error) {
    logger.warn({ shop: shopDomain, err: error }, "insight backfill step failed; the next run retries");
    await update(shopDomain, { error: error instanceof Error ? error.message.slice(0, 500) : String(error) });
    throw error;
  } finally {
    await prisma.$executeRaw`UPDATE "InsightBackfill" SET "leaseUntil" = NULL WHERE "shopDomain" = ${shopDomain} AND kind = ${KIND}`;
  }
}

/** Every shop's pending backfill, moved on (the insight-backfill job). */
export async function advanceInsightBackfills(): Promise<void> {
  const pending = await prisma.insightBackfill.findMany({ where: { kind: KIND, status: { in: ["created", "running"] } }, select: { shopDomain: true } });
  for (const { shopDomain } of pending) {
    await advanceInsightBackfill(shopDomain).catch(() => undefined);
  }
}

/** One order of the bulk result (a root object and its line items) as Insight keeps it. */
export function insightOrderFromBulk(group: BulkRoot, refunds: GraphqlOrder["refunds"] = []): InsightOrderInput {
  const root = group.root as unknown as Omit<GraphqlOrder, "lineItems" | "refunds"> & { customer: { createdAt?: string | null } | null };
  const lines = childrenOfType(group, "LineItem") as unknown as Array<GraphqlOrder["lineItems"]["nodes"][number] & { title?: string | null }>;
  const order = { ...root, lineItems: { pageInfo: { hasNextPage: false }, nodes: lines }, refunds } as GraphqlOrder;
  const { facts, refunds: refundFacts } = orderFactsFromGraphql(order);
  const titles = new Map(lines.map((l) => [legacyId(l.id), l.title ?? null]));
  return insightOrder(facts, refundFacts, { customerCreatedAt: root.customer?.createdAt ?? null, lineTitles: titles });
}

/**
 * Streams the JSONL at `url` into the Insight tables, `BACKFILL_BATCH` orders per set-based write, after
 * skipping the first `skip` orders (already imported by an earlier run). Orders that have refunds are read
 * again with their refund lines (the bulk query cannot carry them).
 */
export async function importBulkResult(
  shopDomain: string,
  url: string,
  options: { skip?: number; client?: AdminClient; budgetMs?: number; fetchImpl?: typeof fetch; onBatch?: (rows: number) => Promise<void> } = {},
): Promise<{ rows: number; finished: boolean }> {
  const started = Date.now();
  const response = await (options.fetchImpl ?? fetch)(url);
  if (!response.ok || !response.body) throw new Error(`bulk result download answered HTTP ${response.status}`);
  const input = Readable.fromWeb(response.body as import("node:stream/web").ReadableStream<Uint8Array>);
  const lines = createInterface({ input, crlfDelay: Infinity });
  let seen = 0;
  let rows = options.skip ?? 0;
  let batch: InsightOrderInput[] = [];
  const flush = async () => {
    if (!batch.length) return;
    await recordInsightOrders(shopDomain, batch);
    rows += batch.length;
    batch = [];
    await options.onBatch?.(rows);
  };
  try {
    for await (const group of groupBulkRoots(lines)) {
      seen += 1;
      if (seen <= (options.skip ?? 0)) continue;
      const refundIds = (group.root.refunds as Array<{ id: string }> | undefined) ?? [];
      let refunds: GraphqlOrder["refunds"] = [];
      if (refundIds.length && options.client) {
        const { order } = await options.client.request(ORDER_FOR_EARNING_QUERY, { id: String(group.root.id) });
        refunds = order?.refunds ?? [];
      }
      batch.push(insightOrderFromBulk(group, refunds));
      if (batch.length >= BACKFILL_BATCH) {
        await flush();
        if (options.budgetMs !== undefined && Date.now() - started > options.budgetMs) return { rows, finished: false };
      }
    }
    await flush();
    return { rows, finished: true };
  } finally {
    lines.close();
    input.destroy();
  }
}
