// The activity log as staff read it: filter by action, actor and dates, page through it, export it as CSV.
import type { Prisma } from "@prisma/client";
import { stringify } from "csv-stringify/sync";
import prisma from "~/db.server";
import type { ActivityQuery } from "~/ledger/activity-filters";
import { decodeCursor, encodeCursor } from "~/members/member-filters";
import type { ActivityNames } from "~/ledger/activity-text";

function whereOf(shopDomain: string, query: ActivityQuery): Prisma.AuditEventWhereInput {
  const createdAt: Prisma.DateTimeFilter = {};
  if (query.from) createdAt.gte = new Date(`${query.from}T00:00:00.000Z`);
  if (query.to) createdAt.lt = new Date(new Date(`${query.to}T00:00:00.000Z`).getTime() + 86_400_000);
  return {
    shopDomain,
    ...(query.action ? { action: query.action } : {}),
    ...(query.actor ? { actor: query.actor } : {}),
    ...(query.from || query.to ? { createdAt } : {}),
  };
}

export type ActivityRow = {
  id: string;
  action: string;
  actor: string;
  subjectType: string | null;
  subjectId: string | null;
  reason: string | null;
  before: unknown;
  after: unknown;
  createdAt: string;
};

/** One page of the shop's activity, newest first, with the filter choices (actions and actors seen). */
export async function listActivity(shopDomain: string, query: ActivityQuery, pageSize = 50) {
  const cursor = decodeCursor(query.after);
  const where = whereOf(shopDomain, query);
  const [events, actions, actors] = await Promise.all([
    prisma.auditEvent.findMany({
      where: cursor
        ? { AND: [where, { OR: [{ createdAt: { lt: new Date(String(cursor[0])) } }, { createdAt: new Date(String(cursor[0])), id: { lt: cursor[1] } }] }] }
        : where,
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: pageSize + 1,
    }),
    prisma.auditEvent.findMany({ where: { shopDomain }, distinct: ["action"], select: { action: true }, orderBy: { action: "asc" } }),
    prisma.auditEvent.findMany({ where: { shopDomain }, distinct: ["actor"], select: { actor: true }, orderBy: { actor: "asc" }, take: 200 }),
  ]);
  const page = events.slice(0, pageSize);
  const last = page[page.length - 1];
  return {
    events: page.map((e): ActivityRow => ({
      id: e.id,
      action: e.action,
      actor: e.actor,
      subjectType: e.subjectType,
      subjectId: e.subjectId,
      reason: e.reason,
      before: e.before,
      after: e.after,
      createdAt: e.createdAt.toISOString(),
    })),
    nextCursor: events.length > pageSize && last ? encodeCursor(last.createdAt.toISOString(), last.id) : null,
    actions: actions.map((a) => a.action),
    actors: actors.map((a) => a.actor),
  };
}

/** The filtered activity log as a CSV stream (batches of 1,000, never the whole log in memory). */
export function activityCsv(shopDomain: string, query: ActivityQuery): ReadableStream<Uint8Array> {
  const where = whereOf(shopDomain, query);
  async function* rows() {
    let cursor: { createdAt: Date; id: string } | null = null;
    for (;;) {
      const batch: Awaited<ReturnType<typeof prisma.auditEvent.findMany>> = await prisma.auditEvent.findMany({
        where: cursor ? { AND: [where, { OR: [{ createdAt: { lt: cursor.createdAt } }, { createdAt: cursor.createdAt, id: { lt: cursor.id } }] }] } : where,
        orderBy: [{ createdAt: "desc" }, { id: "desc" }],
        take: 1000,
      });
      for (const e of batch) {
        yield [e.createdAt.toISOString(), e.actor, e.action, e.subjectType ?? "", e.subjectId ?? "", e.reason ?? "", json(e.before), json(e.after)];
      }
      if (batch.length < 1000) return;
      const last = batch[batch.length - 1];
      cursor = { createdAt: last.createdAt, id: last.id };
    }
  }
  return csvStream(["created_at", "actor", "action", "subject_type", "subject_id", "reason", "before", "after"], rows());
}

const json = (value: unknown) => (value === null || value === undefined ? "" : JSON.stringify(value));

/** Streams rows through csv-stringify as bytes, 500 rows at a time, pulling rows only as the client reads. */
export function csvStream(header: string[], rows: AsyncIterable<unknown[]>): ReadableStream<Uint8Array> {
  const iterator = rows[Symbol.asyncIterator]();
  const encoder = new TextEncoder();
  let first = true;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const chunk: unknown[][] = [];
      let done = false;
      while (chunk.length < 500) {
        const next = await iterator.next();
        if (next.done) {
          done = true;
          break;
        }
        chunk.push(next.value);
      }
      if (chunk.length || first) controller.enqueue(encoder.encode(stringify(chunk, { header: first, columns: header })));
      first = false;
      if (done) controller.close();
    },
    async cancel() {
      await iterator.return?.();
    },
  });
}

/** The names the activity sentences use for a page's subjects: members, rewards and causes (one query each). */
export async function activityNames(shopDomain: string, events: Pick<ActivityRow, "subjectType" | "subjectId">[]): Promise<ActivityNames> {
  const ids = (type: string) => [...new Set(events.filter((e) => e.subjectType === type && e.subjectId).map((e) => e.subjectId as string))];
  const [members, customers, rewards, causes, shop] = await Promise.all([
    prisma.member.findMany({ where: { shopDomain, id: { in: ids("member") } }, select: { id: true, firstName: true, lastName: true, email: true } }),
    prisma.member.findMany({
      where: { shopDomain, customerId: { in: ids("customer") } },
      select: { id: true, customerId: true, firstName: true, lastName: true, email: true },
    }),
    prisma.reward.findMany({ where: { shopDomain, id: { in: ids("reward") } }, select: { id: true, name: true } }),
    prisma.donationCause.findMany({ where: { shopDomain, id: { in: ids("donation_cause") } }, select: { id: true, name: true } }),
    prisma.shop.findUnique({ where: { domain: shopDomain }, select: { currency: true } }),
  ]);
  const memberName = (m: Pick<(typeof members)[number], "firstName" | "lastName" | "email">) =>
    [m.firstName, m.lastName].filter(Boolean).join(" ") || m.email || "";
  return {
    currency: shop?.currency ?? "USD",
    members: Object.fromEntries(members.map((m): [string, string] => [m.id, memberName(m)]).filter(([, name]) => name)),
    rewards: Object.fromEntries(rewards.map((r) => [r.id, r.name])),
    causes: Object.fromEntries(causes.map((c) => [c.id, c.name])),
    customers: Object.fromEntries(customers.filter((m) => memberName(m)).map((m) => [m.customerId, { memberId: m.id, name: memberName(m) }])),
  };
}
