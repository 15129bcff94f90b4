// Customer privacy: keeping member identities current, GDPR data requests and redaction.
import { randomUUID } from "node:crypto";
import type { Prisma } from "@prisma/client";
import prisma from "~/db.server";
import { recordAudit } from "~/audit/audit.server";
import { identifiersOf, type RedactionSubject } from "~/privacy/erasure";
import { PRIVACY_HOOKS } from "~/privacy/registry.server";

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

export type ComplianceCustomer = { customerId: string | null; email: string | null; phone: string | null };

/**
 * Answers customers/data_request: files in the shop's activity log that the request came and what Loyalist
 * holds on the customer (counts, and the member whose page shows it all), never the personal data itself,
 * so the log holds no copy that customers/redact would have to chase.
 */
export async function exportCustomerData(shopDomain: string, customer: ComplianceCustomer, ordersRequested: string[] = []): Promise<void> {
  const member = await findMemberFor(shopDomain, customer.customerId, customer.email);
  const [ledgerEntries, orders, redemptions] = await Promise.all([
    member ? prisma.ledgerEntry.count({ where: { shopDomain, memberId: member.id } }) : 0,
    prisma.orderRecord.count({ where: { shopDomain, OR: ordersOf(customer, member?.id ?? null) } }),
    member ? prisma.redemption.count({ where: { shopDomain, memberId: member.id } }) : 0,
  ]);
  await recordAudit({
    shopDomain,
    actor: "Shopify (customers/data_request)",
    action: "customer.data_request",
    subjectType: member ? "member" : "customer",
    subjectId: member?.id ?? "unknown",
    after: { memberFound: Boolean(member), exported: { ledgerEntries, orders, redemptions }, ordersRequested: ordersRequested.length },
  });
}

function ordersOf(customer: ComplianceCustomer, memberId: string | null): Prisma.OrderRecordWhereInput[] {
  return [
    ...(customer.customerId ? [{ customerId: customer.customerId }] : []),
    ...(customer.email ? [{ email: { equals: customer.email, mode: "insensitive" as const } }] : []),
    ...(memberId ? [{ memberId }] : []),
  ];
}

/**
 * Answers customers/redact: every capability's hook (app/privacy/registry.server.ts) scrubs its copies of the
 * customer's personal data in one transaction, while the anonymous points and order totals stay true.
 */
export async function redactCustomer(shopDomain: string, customer: ComplianceCustomer, ordersToRedact: string[] = []): Promise<void> {
  const member = await findMemberFor(shopDomain, customer.customerId, customer.email);
  const filters = ordersOf(customer, member?.id ?? null);
  const orders = filters.length
    ? await prisma.orderRecord.findMany({ where: { shopDomain, OR: filters }, select: { orderId: true, email: true, snapshot: true } })
    : [];
  const names = orders.flatMap((o) => {
    const facts = o.snapshot as { customerFirstName?: string | null; customerLastName?: string | null };
    return [facts.customerFirstName, facts.customerLastName];
  });
  const email = customer.email ?? member?.email ?? orders.find((o) => o.email)?.email ?? null;
  const subject: RedactionSubject = {
    shopDomain,
    customerId: customer.customerId,
    email,
    phone: customer.phone,
    memberId: member?.id ?? null,
    anonymousId: `redacted:${member?.id ?? randomUUID()}`,
    orderIds: [...new Set([...orders.map((o) => o.orderId), ...ordersToRedact])],
    identifiers: identifiersOf({ email, phone: customer.phone, names: [member?.firstName, member?.lastName, ...names] }),
  };
  await prisma.$transaction(
    async (tx) => {
      for (const hooks of PRIVACY_HOOKS) await hooks.redactCustomer?.(tx, subject);
    },
    { timeout: 60_000, maxWait: 30_000 },
  );
}
