// The storefront's plain-SQL reads (app/platform/db/sql.server.ts) against real PostgreSQL: the same instants as
// Prisma's, whatever the process's and the session's time zone, on the pool and inside a transaction; and the
// worker's raw-SQL transactions (app/platform/db/raw-transaction.server.ts), which read back what Prisma's raw queries do.
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

  it("GIVEN a raw-SQL transaction in other time zones WHEN it writes and reads timestamps, bigints and arrays THEN it reads what Prisma's raw queries read", async () => {
    const { default: prisma } = await import("~/db.server");
    const { sqlTransaction } = await import("~/platform/db/raw-transaction.server");
    const { Prisma } = await import("@prisma/client");
    for (const [i, tz] of ["Asia/Tokyo", "America/Los_Angeles"].entries()) {
      process.env.TZ = tz;
      const id = `raw-tx-${i}`;
      const read = Prisma.sql`SELECT id, "lastActivityAt", (balance::bigint + 2147483647) AS big, ARRAY["customerId", email] AS pair, now() > "lastActivityAt" AS past
        FROM "Member" WHERE id = ${id}`;
      const [raw] = await sqlTransaction(async (tx) => {
        await tx.$executeRaw`SET LOCAL TIME ZONE 'Pacific/Kiritimati'`;
        await tx.$executeRaw`INSERT INTO "Member" (id, "shopDomain", "customerId", email, balance, "lastActivityAt")
          SELECT m.id, ${SHOP}, m.customer, 'raw@example.com', 10, m.at FROM unnest(${[id]}::text[], ${[`raw-${i}`]}::text[], ${[EARNED]}::timestamp[]) AS m(id, customer, at)`;
        return tx.$queryRaw<Record<string, unknown>[]>(read);
      });
      const [viaPrisma] = await prisma.$queryRaw<Record<string, unknown>[]>(read);
      expect(raw).toEqual(viaPrisma);
      expect((raw.lastActivityAt as Date).toISOString()).toBe(EARNED.toISOString());
      expect(raw.big).toBe(2147483657n);
    }
  });

  it("GIVEN a raw-SQL transaction WHEN its work throws THEN nothing it wrote stays", async () => {
    const { default: prisma } = await import("~/db.server");
    const { sqlTransaction } = await import("~/platform/db/raw-transaction.server");
    const failed = sqlTransaction(async (tx) => {
      await tx.$executeRaw`INSERT INTO "Member" (id, "shopDomain", "customerId") VALUES ('raw-rolled-back', ${SHOP}, 'rolled-back')`;
      throw new Error("planned failure");
    });
    await expect(failed).rejects.toThrow("planned failure");
    expect(await prisma.member.count({ where: { id: "raw-rolled-back" } })).toBe(0);
  });
});
