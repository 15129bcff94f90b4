// The storefront's plain-SQL reads (app/platform/db/sql.server.ts) against real PostgreSQL: the same instants as
// Prisma's, whatever the process's and the session's time zone, on the pool and inside a transaction.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { anInsightShop, startInsightDb, type InsightDb } from "../support/insight-db";

const SHOP = "plain-sql.myshopify.com";
const EARNED = new Date("2026-03-29T01:30:00.000Z"); // inside Europe's spring-forward night

let db: InsightDb;
const originalTz = process.env.TZ;

beforeAll(async () => {
  db = await startInsightDb();
  await anInsightShop(SHOP);
});

afterAll(async () => {
  process.env.TZ = originalTz;
  await db?.stop();
});

describe("plain SQL reads", () => {
  it("GIVEN a process and a session in other time zones WHEN timestamps are read and compared THEN they are the instants Prisma stored", async () => {
    const { default: prisma } = await import("~/db.server");
    const { selectRows, utcParam, isoTimestamp, utcValue } = await import("~/platform/db/sql.server");
    const member = await prisma.member.create({ data: { shopDomain: SHOP, customerId: "1", lastActivityAt: EARNED } });
    const query = `SELECT ${isoTimestamp('"lastActivityAt"')} AS at, ("lastActivityAt" >= ${utcParam(2)}) AS "onOrAfter",
      ("lastActivityAt" < ${utcParam(3)}) AS "before" FROM "Member" WHERE id = $1`;
    const values = [member.id, utcValue(EARNED), utcValue(new Date(EARNED.getTime() + 1))];

    for (const tz of ["Asia/Tokyo", "America/Los_Angeles", "Europe/Helsinki"]) {
      process.env.TZ = tz;
      const [onPool] = await selectRows<{ at: Date; onOrAfter: boolean; before: boolean }>(prisma, query, values);
      expect(new Date(onPool.at).toISOString()).toBe(EARNED.toISOString());
      expect([onPool.onOrAfter, onPool.before]).toEqual([true, true]);

      // A transaction whose session reads another zone, as a database's default may: the answer does not move.
      const [inTx] = await prisma.$transaction(async (tx) => {
        await tx.$executeRawUnsafe(`SET LOCAL TIME ZONE 'Pacific/Kiritimati'`);
        return selectRows<{ at: Date; onOrAfter: boolean; before: boolean }>(tx, query, values);
      });
      expect(new Date(inTx.at).toISOString()).toBe(EARNED.toISOString());
      expect([inTx.onOrAfter, inTx.before]).toEqual([true, true]);
    }
    const stored = await prisma.member.findUniqueOrThrow({ where: { id: member.id } });
    expect(stored.lastActivityAt.toISOString()).toBe(EARNED.toISOString());
  });

  it("GIVEN sums over int8 WHEN read on the pool and in a transaction THEN count() gives the same number", async () => {
    const { default: prisma } = await import("~/db.server");
    const { count, selectRows } = await import("~/platform/db/sql.server");
    const query = `SELECT (2147483647::bigint + 10)::bigint AS n`;
    const [onPool] = await selectRows<{ n: string }>(prisma, query);
    const [inTx] = await prisma.$transaction((tx) => selectRows<{ n: bigint }>(tx, query));
    expect(count(onPool.n)).toBe(2147483657);
    expect(count(inTx.n)).toBe(2147483657);
  });
});
