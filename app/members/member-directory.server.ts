// The admin's view of members: a keyset-paginated, searchable, filterable table that stays fast at 100k
// members (indexes in prisma/migrations/0004_admin_members_activity), and one member's full record.
import { Prisma } from "@prisma/client";
import prisma from "~/db.server";
import { orderNamesById } from "~/earning/order-names.server";
import { decodeCursor, encodeCursor, type MemberQuery, type MemberSort } from "~/members/member-filters";
import type { MemberRecord } from "~/members/members.server";

export type MemberRow = {
  id: string;
  customerId: string;
  email: string | null;
  name: string;
  balance: number;
  pending: number;
  lifetimeEarned: number;
  lastActivityAt: string;
  createdAt: string;
};

export type MemberPage = { rows: MemberRow[]; nextCursor: string | null; previousCursor: string | null };

const SORT_COLUMNS: Record<MemberSort, { column: Prisma.Sql; desc: boolean; key: "lastActivityAt" | "balance" | "createdAt" }> = {
  activity_desc: { column: Prisma.sql`"lastActivityAt"`, desc: true, key: "lastActivityAt" },
  activity_asc: { column: Prisma.sql`"lastActivityAt"`, desc: false, key: "lastActivityAt" },
  balance_desc: { column: Prisma.sql`balance`, desc: true, key: "balance" },
  balance_asc: { column: Prisma.sql`balance`, desc: false, key: "balance" },
  joined_desc: { column: Prisma.sql`"createdAt"`, desc: true, key: "createdAt" },
  joined_asc: { column: Prisma.sql`"createdAt"`, desc: false, key: "createdAt" },
};

const DAY = 86_400_000;

type DbRow = Omit<MemberRecord, "shortfall">;

function cursorValue(row: DbRow, key: "lastActivityAt" | "balance" | "createdAt"): string | number {
  return key === "balance" ? row.balance : row[key].toISOString();
}

/**
 * One page of the shop's members: search by name or email, balance range, last-activity window, sort, and a
 * keyset cursor (`after` / `before`), so every page costs the same however deep it is.
 */
export async function listMembersPage(shopDomain: string, query: MemberQuery, pageSize = 50): Promise<MemberPage> {
  const sort = SORT_COLUMNS[query.sort];
  const where: Prisma.Sql[] = [Prisma.sql`"shopDomain" = ${shopDomain}`, Prisma.sql`"redactedAt" IS NULL`];
  if (query.q) {
    const like = `%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    where.push(Prisma.sql`(email ILIKE ${like} OR "firstName" ILIKE ${like} OR "lastName" ILIKE ${like}
      OR (coalesce("firstName", '') || ' ' || coalesce("lastName", '')) ILIKE ${like})`);
  }
  if (query.minBalance !== undefined) where.push(Prisma.sql`balance >= ${query.minBalance}`);
  if (query.maxBalance !== undefined) where.push(Prisma.sql`balance <= ${query.maxBalance}`);
  const now = Date.now();
  const windows: Record<string, Prisma.Sql | null> = {
    any: null,
    "7d": Prisma.sql`"lastActivityAt" >= ${new Date(now - 7 * DAY)}`,
    "30d": Prisma.sql`"lastActivityAt" >= ${new Date(now - 30 * DAY)}`,
    "90d": Prisma.sql`"lastActivityAt" >= ${new Date(now - 90 * DAY)}`,
    inactive_90d: Prisma.sql`"lastActivityAt" < ${new Date(now - 90 * DAY)}`,
    inactive_365d: Prisma.sql`"lastActivityAt" < ${new Date(now - 365 * DAY)}`,
  };
  const window = windows[query.activity];
  if (window) where.push(window);

  // Going backwards reads the page before the cursor in reverse order, then flips it.
  const backwards = !!query.before && !query.after;
  const cursor = decodeCursor(backwards ? query.before : query.after);
  const forwardDesc = sort.desc !== backwards;
  if (cursor) {
    const value = sort.key === "balance" ? Number(cursor[0]) : new Date(String(cursor[0]));
    if (sort.key === "balance" ? Number.isFinite(value) : !Number.isNaN((value as Date).getTime())) {
      where.push(forwardDesc ? Prisma.sql`(${sort.column}, id) < (${value}, ${cursor[1]})` : Prisma.sql`(${sort.column}, id) > (${value}, ${cursor[1]})`);
    }
  }
  const direction = forwardDesc ? Prisma.sql`DESC` : Prisma.sql`ASC`;
  const rows = await prisma.$queryRaw<DbRow[]>`
    SELECT id, "customerId", email, "firstName", "lastName", balance, pending, "lifetimeEarned", "lastActivityAt", "createdAt"
    FROM "Member"
    WHERE ${Prisma.join(where, " AND ")}
    ORDER BY ${sort.column} ${direction}, id ${direction}
    LIMIT ${pageSize + 1}`;
  const more = rows.length > pageSize;
  const page = rows.slice(0, pageSize);
  if (backwards) page.reverse();
  const first = page[0];
  const last = page[page.length - 1];
  const hasNext = backwards ? true : more;
  const hasPrevious = backwards ? more : !!cursor;
  return {
    rows: page.map(toRow),
    nextCursor: hasNext && last ? encodeCursor(cursorValue(last, sort.key), last.id) : null,
    previousCursor: hasPrevious && first ? encodeCursor(cursorValue(first, sort.key), first.id) : null,
  };
}

function toRow(m: DbRow): MemberRow {
  return {
    id: m.id,
    customerId: m.customerId,
    email: m.email,
    name: [m.firstName, m.lastName].filter(Boolean).join(" "),
    balance: m.balance,
    pending: m.pending,
    lifetimeEarned: m.lifetimeEarned,
    lastActivityAt: m.lastActivityAt.toISOString(),
    createdAt: m.createdAt.toISOString(),
  };
}

export type LedgerRow = {
  id: string;
  kind: string;
  points: number;
  pendingPoints: number;
  shortfall: number;
  reason: string;
  source: string;
  sourceId: string | null;
  orderId: string | null;
  actor: string | null;
  note: string | null;
  /** When the thing happened (an order's own time). */
  occurredAt: string;
  /** When Loyalist recorded it. */
  createdAt: string;
  /** For a staff adjustment: the id of the entry that reversed it, if any. */
  reversedBy: string | null;
};

/** The member's ledger, what happened most recently first, in keyset pages. */
export async function memberLedgerPage(shopDomain: string, memberId: string, after: string | undefined, pageSize = 50) {
  const cursor = decodeCursor(after);
  const entries = await prisma.ledgerEntry.findMany({
    where: {
      shopDomain,
      memberId,
      ...(cursor ? { OR: [{ occurredAt: { lt: new Date(String(cursor[0])) } }, { occurredAt: new Date(String(cursor[0])), id: { lt: cursor[1] } }] } : {}),
    },
    orderBy: [{ occurredAt: "desc" }, { id: "desc" }],
    take: pageSize + 1,
  });
  const page = entries.slice(0, pageSize);
  const ids = page.filter((e) => e.kind === "adjustment").map((e) => e.id);
  const reversals = ids.length
    ? await prisma.ledgerEntry.findMany({ where: { shopDomain, memberId, sourceId: { in: ids }, kind: "adjustment" }, select: { id: true, sourceId: true } })
    : [];
  const reversedBy = new Map(reversals.map((r) => [r.sourceId, r.id]));
  const last = page[page.length - 1];
  return {
    entries: page.map((e): LedgerRow => ({
      id: e.id,
      kind: e.kind,
      points: e.points,
      pendingPoints: e.pendingPoints,
      shortfall: e.shortfall,
      reason: e.reason,
      source: e.source,
      sourceId: e.sourceId,
      orderId: e.orderId,
      actor: e.actor,
      note: e.note,
      occurredAt: e.occurredAt.toISOString(),
      createdAt: e.createdAt.toISOString(),
      reversedBy: reversedBy.get(e.id) ?? null,
    })),
    nextCursor: entries.length > pageSize && last ? encodeCursor(last.occurredAt.toISOString(), last.id) : null,
  };
}

/** Everything the member page shows, or null when the member is not the shop's (never another shop's data). */
export async function memberRecord(shopDomain: string, memberId: string, ledgerAfter?: string) {
  const member = await prisma.member.findFirst({ where: { id: memberId, shopDomain, redactedAt: null } });
  if (!member) return null;
  const [ledger, orders, redemptions, orderCount] = await Promise.all([
    memberLedgerPage(shopDomain, memberId, ledgerAfter),
    prisma.orderRecord.findMany({
      where: { shopDomain, memberId },
      orderBy: { occurredAt: "desc" },
      take: 10,
      select: { orderId: true, occurredAt: true, subtotalMinor: true, currency: true, targetPoints: true, eligibleAt: true },
    }),
    prisma.redemption.findMany({
      where: { shopDomain, memberId },
      orderBy: { createdAt: "desc" },
      take: 10,
      select: { id: true, status: true, points: true, code: true, createdAt: true, reward: { select: { name: true } } },
    }),
    prisma.orderRecord.count({ where: { shopDomain, memberId } }),
  ]);
  const orderNames = await orderNamesById(shopDomain, [...orders.map((o) => o.orderId), ...ledger.entries.map((e) => e.orderId)]);
  return {
    member: {
      ...toRow(member),
      shortfall: member.shortfall,
      firstName: member.firstName,
      lastName: member.lastName,
    },
    ledger: { ...ledger, entries: ledger.entries.map((e) => ({ ...e, orderName: e.orderId ? (orderNames.get(e.orderId) ?? null) : null })) },
    orderCount,
    orders: orders.map((o) => ({
      orderId: o.orderId,
      orderName: orderNames.get(o.orderId) ?? null,
      createdAt: o.occurredAt.toISOString(),
      subtotalMinor: Number(o.subtotalMinor),
      currency: o.currency,
      points: o.targetPoints,
      eligible: !!o.eligibleAt,
    })),
    redemptions: redemptions.map((r) => ({
      id: r.id,
      status: r.status,
      points: r.points,
      code: r.code,
      reward: r.reward.name,
      createdAt: r.createdAt.toISOString(),
    })),
  };
}
