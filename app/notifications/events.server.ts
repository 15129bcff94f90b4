// The program event outbox: a change records its event in its own transaction, so an event exists exactly
// when the change does; a job (app/notifications) delivers them to Shopify afterwards.
import type { Tx } from "~/ledger/ledger.server";
import type { ProgramEventInput } from "~/notifications/events";

/** Records the event once per (shop, idempotencyKey); true when it is new. */
export async function recordProgramEvent(tx: Tx, event: ProgramEventInput): Promise<boolean> {
  const inserted = await tx.$executeRaw`
    INSERT INTO "ProgramEvent" (id, "shopDomain", "customerId", type, payload, "idempotencyKey", "occurredAt")
    VALUES (${crypto.randomUUID()}, ${event.shopDomain}, ${event.customerId}, ${event.type}, ${JSON.stringify(event.payload)}::jsonb,
            ${event.idempotencyKey}, ${event.occurredAt})
    ON CONFLICT ("shopDomain", "idempotencyKey") DO NOTHING`;
  return inserted > 0;
}
