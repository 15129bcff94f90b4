// Delivers the program event outbox to Shopify (docs/decisions/024-notifications-through-shopify.md): claims
// undelivered events in batches (FOR UPDATE SKIP LOCKED, then a lease, so no transaction is held over a call to
// Shopify), fires each one's Flow trigger when a workflow of the shop uses it, then brings the customers'
// metafields (batches of at most 25) and tier tags up to date. Each step's outcome is saved as soon as it is
// known, so a retry repeats only what did not happen: a trigger is never fired twice.
import type { Prisma } from "@prisma/client";
import prisma from "~/db.server";
import { now } from "~/platform/clock.server";
import { logger } from "~/platform/logger.server";
import { AdminApiError, offlineAdminClient, type AdminClient } from "~/platform/shopify/admin-client.server";
import type { ProgramEventType } from "~/notifications/events";
import {
  FLOW_PAYLOAD_LIMIT_BYTES,
  MAX_EVENT_ATTEMPTS,
  flowTriggerCall,
  metafieldBatches,
  metafieldsForEvent,
  payloadBytes,
  retryDelaySeconds,
  tierTagChanges,
  type EventPayload,
  type MetafieldValue,
} from "~/notifications/flow";
import { changeCustomerTags, fireFlowTrigger, setCustomerMetafields } from "~/notifications/shopify.server";

type ClaimedEvent = {
  id: string;
  shopDomain: string;
  customerId: string | null;
  type: ProgramEventType;
  payload: EventPayload;
  attempts: number;
  triggerOutcome: string | null;
  customerSyncedAt: Date | null;
};

export type TriggerOutcome = "sent" | "skipped" | "unconfirmed" | "failed";

const LEASE_SECONDS = 120;

/** Claims up to `limit` events that are due (never delivered, not dead, lease or backoff over), oldest first. */
async function claimEvents(at: Date, limit: number): Promise<ClaimedEvent[]> {
  const leaseUntil = new Date(at.getTime() + LEASE_SECONDS * 1000);
  return prisma.$queryRaw<ClaimedEvent[]>`
    UPDATE "ProgramEvent" SET "lockedUntil" = ${leaseUntil}, attempts = attempts + 1
    WHERE id IN (
      SELECT id FROM "ProgramEvent"
      WHERE "deliveredAt" IS NULL AND "deadAt" IS NULL AND ("lockedUntil" IS NULL OR "lockedUntil" < ${at})
      ORDER BY "createdAt", id LIMIT ${limit} FOR UPDATE SKIP LOCKED)
    RETURNING id, "shopDomain", "customerId", type, payload, attempts, "triggerOutcome", "customerSyncedAt"`;
}

/** A failure Shopify certainly did not act on (throttled, or an HTTP error answer): safe to send again later. */
function certainlyNotApplied(error: AdminApiError): boolean {
  return error.kind === "throttled" || (error.kind === "http" && error.status !== undefined && (error.status === 429 || error.status >= 500));
}

function message(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).slice(0, 2000);
}

async function saveTriggerOutcome(id: string, outcome: TriggerOutcome, lastError: string | null = null): Promise<void> {
  await prisma.programEvent.update({ where: { id }, data: { triggerOutcome: outcome, ...(lastError ? { lastError } : {}) } });
}

/** Fires the event's trigger if it has not been dealt with yet; returns false when it must be tried again later. */
async function deliverTrigger(client: AdminClient, event: ClaimedEvent, usedTriggers: Set<string>): Promise<boolean> {
  if (event.triggerOutcome) return true;
  const call = flowTriggerCall(event.type, event.customerId, event.payload);
  if (!call || !usedTriggers.has(call.handle)) {
    await saveTriggerOutcome(event.id, "skipped");
    return true;
  }
  if (payloadBytes(call) > FLOW_PAYLOAD_LIMIT_BYTES) {
    await saveTriggerOutcome(event.id, "failed", `payload of ${payloadBytes(call)} bytes is over Flow's limit`);
    return true;
  }
  try {
    const result = await fireFlowTrigger(client, call);
    await saveTriggerOutcome(event.id, result.ok ? "sent" : "failed", result.ok ? null : result.error);
    if (!result.ok) logger.warn({ shop: event.shopDomain, event: event.id, error: result.error }, "Flow refused a trigger");
    return true;
  } catch (error) {
    if (error instanceof AdminApiError && certainlyNotApplied(error)) {
      await prisma.programEvent.update({ where: { id: event.id }, data: { lastError: message(error) } });
      return false;
    }
    // A timeout or a lost connection may have run the trigger: it is not sent again (a duplicate workflow run,
    // an email sent twice, is worse for the merchant than a missed one, which staff can see on the event).
    await saveTriggerOutcome(event.id, "unconfirmed", message(error));
    return true;
  }
}

/** Brings the metafields and tags of the shop's claimed events' customers up to date; returns the events synced. */
async function syncCustomers(client: AdminClient, shopDomain: string, events: ClaimedEvent[]): Promise<{ synced: Set<string>; error?: string }> {
  const pending = events.filter((e) => e.customerId && !e.customerSyncedAt);
  const synced = new Set<string>();
  if (!pending.length) return { synced };
  const members = await prisma.member.findMany({
    where: { shopDomain, customerId: { in: [...new Set(pending.map((e) => e.customerId!))] }, redactedAt: null },
    select: { customerId: true, balance: true },
  });
  const balances = new Map(members.map((m) => [m.customerId, m.balance]));
  const values: MetafieldValue[] = pending.flatMap((e) => metafieldsForEvent(e.customerId!, e.type, e.payload, balances.get(e.customerId!) ?? null));
  try {
    for (const batch of metafieldBatches(values)) {
      const result = await setCustomerMetafields(client, batch);
      // A refusal is the data's fault and would be refused again: logged, not retried.
      if (!result.ok) logger.warn({ shop: shopDomain, error: result.error }, "Shopify refused customer metafields");
    }
    for (const event of pending) {
      if (event.type === "tier_changed") {
        const result = await changeCustomerTags(client, event.customerId!, tierTagChanges(event.payload));
        if (!result.ok) logger.warn({ shop: shopDomain, event: event.id, error: result.error }, "Shopify refused tier tags");
      }
      synced.add(event.id);
    }
    return { synced };
  } catch (error) {
    if (!(error instanceof AdminApiError)) throw error;
    // Metafields and tags are set, not added: what got through is harmless to send again.
    return { synced, error: message(error) };
  }
}

async function finish(event: ClaimedEvent, at: Date, triggerDone: boolean, customerDone: boolean, error?: string): Promise<"delivered" | "retry" | "dead"> {
  const data: Prisma.ProgramEventUpdateInput = {};
  if (customerDone && event.customerId && !event.customerSyncedAt) data.customerSyncedAt = at;
  if (triggerDone && customerDone) {
    await prisma.programEvent.update({ where: { id: event.id }, data: { ...data, deliveredAt: at, lockedUntil: null } });
    return "delivered";
  }
  const dead = event.attempts >= MAX_EVENT_ATTEMPTS;
  await prisma.programEvent.update({
    where: { id: event.id },
    data: {
      ...data,
      ...(error ? { lastError: error } : {}),
      ...(dead ? { deadAt: at, lockedUntil: null } : { lockedUntil: new Date(at.getTime() + retryDelaySeconds(event.attempts) * 1000) }),
    },
  });
  return dead ? "dead" : "retry";
}

async function deliverShop(shopDomain: string, events: ClaimedEvent[], at: Date, report: DeliveryReport): Promise<void> {
  let triggers: AdminClient;
  let writes: AdminClient;
  try {
    // Triggers are retried by the client only when throttled (never run); metafields and tags also on 5xx.
    triggers = await offlineAdminClient(shopDomain, { retryOnlyThrottled: true });
    writes = await offlineAdminClient(shopDomain);
  } catch (error) {
    for (const event of events) report[await finish(event, at, false, false, message(error))]++;
    return;
  }
  const used = await prisma.flowTriggerUsage.findMany({ where: { shopDomain, enabled: true }, select: { trigger: true } });
  const usedTriggers = new Set(used.map((u) => u.trigger));
  const triggerDone = new Map<string, boolean>();
  for (const event of events) {
    const done = await deliverTrigger(triggers, event, usedTriggers);
    triggerDone.set(event.id, done);
    if (done && !event.triggerOutcome) report.triggersHandled++;
  }
  const { synced, error } = await syncCustomers(writes, shopDomain, events);
  for (const event of events) {
    const customerDone = !event.customerId || Boolean(event.customerSyncedAt) || synced.has(event.id);
    report[await finish(event, at, triggerDone.get(event.id) ?? false, customerDone, error)]++;
  }
}

export type DeliveryReport = { delivered: number; retry: number; dead: number; triggersHandled: number };

/**
 * Delivers what is due, batch after batch, until nothing is left or `maxBatches` ran. Any number of workers
 * may run it at once: SKIP LOCKED and the lease give each event to one of them.
 */
export async function deliverProgramEvents({ batchSize = 50, maxBatches = 20 }: { batchSize?: number; maxBatches?: number } = {}): Promise<DeliveryReport> {
  const report: DeliveryReport = { delivered: 0, retry: 0, dead: 0, triggersHandled: 0 };
  for (let i = 0; i < maxBatches; i++) {
    const at = await now();
    const events = await claimEvents(at, batchSize);
    if (!events.length) break;
    const byShop = new Map<string, ClaimedEvent[]>();
    for (const event of events) byShop.set(event.shopDomain, [...(byShop.get(event.shopDomain) ?? []), event]);
    for (const [shop, shopEvents] of byShop) await deliverShop(shop, shopEvents, at, report);
    if (events.length < batchSize) break;
  }
  return report;
}
