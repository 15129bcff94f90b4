// Customer privacy: keeping member identities current, GDPR data requests and redaction.
import prisma from "~/db.server";
import { recordAudit } from "./audit.server";
import { toSummary } from "./members.server";

type CustomerPayload = { id: string; email?: string | null; first_name?: string | null; last_name?: string | null };

/** Keeps an existing member's email and names in step with Shopify's customer record. */
export async function updateMemberIdentity(shopDomain: string, customer: CustomerPayload): Promise<void> {
  await prisma.member.updateMany({
    where: { shopDomain, customerId: customer.id, redactedAt: null },
    data: {
      ...(customer.email !== undefined ? { email: customer.email } : {}),
      ...(customer.first_name !== undefined ? { firstName: customer.first_name } : {}),
      ...(customer.last_name !== undefined ? { lastName: customer.last_name } : {}),
    },
  });
}

async function findMemberFor(shopDomain: string, customerId: string | null, email: string | null) {
  if (customerId) {
    const byId = await prisma.member.findUnique({ where: { shopDomain_customerId: { shopDomain, customerId } } });
    if (byId) return byId;
  }
  if (email) return prisma.member.findFirst({ where: { shopDomain, email: { equals: email, mode: "insensitive" } } });
  return null;
}

/**
 * Answers customers/data_request: gathers everything Loyalist holds on the customer and files it in the
 * shop's activity log, where the merchant downloads it to send to the customer.
 */
export async function exportCustomerData(shopDomain: string, customerId: string | null, email: string | null): Promise<void> {
  const member = await findMemberFor(shopDomain, customerId, email);
  const entries = member
    ? await prisma.ledgerEntry.findMany({ where: { shopDomain, memberId: member.id }, orderBy: { createdAt: "asc" } })
    : [];
  const orders = await prisma.orderRecord.findMany({
    where: { shopDomain, OR: [{ customerId: customerId ?? "-" }, ...(email ? [{ email }] : [])] },
    select: { orderId: true, createdAtShopify: true, targetPoints: true },
  });
  await recordAudit({
    shopDomain,
    actor: "Shopify (customers/data_request)",
    action: "customer.data_request",
    subjectType: "customer",
    subjectId: customerId ?? email ?? "unknown",
    after: {
      member: member && { ...toSummary(member), enrolledAt: member.createdAt.toISOString() },
      ledger: entries.map((e) => ({ at: e.createdAt.toISOString(), kind: e.kind, points: e.points, pending: e.pendingPoints, reason: e.reason })),
      orders: orders.map((o) => ({ orderId: o.orderId, at: o.createdAtShopify.toISOString(), points: o.targetPoints })),
    },
  });
}

/**
 * Answers customers/redact: erases the customer's personal data (identity, email, names, raw payloads)
 * while the anonymous points and order aggregates stay, so the program's figures remain true.
 */
export async function redactCustomer(shopDomain: string, customerId: string | null, email: string | null): Promise<void> {
  const member = await findMemberFor(shopDomain, customerId, email);
  const anonymousId = member ? `redacted:${member.id}` : null;
  await prisma.$transaction(async (tx) => {
    if (member) {
      await tx.member.update({
        where: { id: member.id },
        data: { customerId: anonymousId!, email: null, firstName: null, lastName: null, redactedAt: new Date() },
      });
      await tx.ledgerEntry.updateMany({ where: { memberId: member.id }, data: { note: null } });
    }
    const orderFilter = { shopDomain, OR: [{ customerId: customerId ?? "-" }, ...(email ? [{ email }] : [])] };
    const orders = await tx.orderRecord.findMany({ where: orderFilter, select: { orderId: true, snapshot: true } });
    for (const order of orders) {
      const snapshot = { ...(order.snapshot as Record<string, unknown>), email: null, customerFirstName: null, customerLastName: null, customerId: anonymousId };
      await tx.orderRecord.update({
        where: { shopDomain_orderId: { shopDomain, orderId: order.orderId } },
        data: { email: null, customerId: anonymousId, snapshot },
      });
    }
    // Raw payloads of this customer's deliveries (including this redact request) are emptied too.
    await tx.$executeRaw`
      UPDATE "WebhookDelivery" SET payload = '{}'::jsonb
      WHERE "shopDomain" = ${shopDomain}
        AND ((${customerId}::text IS NOT NULL AND (payload->'customer'->>'id' = ${customerId}
              OR (topic LIKE 'customers/%' AND payload->>'id' = ${customerId})))
          OR (${email}::text IS NOT NULL AND lower(payload->>'email') = lower(${email})))`;
  });
}
