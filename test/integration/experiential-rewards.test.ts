// Experiential rewards "Must show": redeeming an experience makes a fulfilment task (no code); staff complete or
// cancel it in the admin, a cancel returns the points exactly once; limited stock never oversells under concurrency.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { adminGet, adminPost } from "../support/admin";
import { aMember, aReward } from "../support/factories";
import { startSandbox, type Sandbox } from "../support/sandbox";

const SHOP = "experiences.myshopify.com";
let sandbox: Sandbox;

function redeem(customerId: string, rewardId: string) {
  return sandbox.proxy(SHOP, "redeem", customerId, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ rewardId }) });
}

const fulfilment = { shop: SHOP, path: "/app/fulfilment", routeId: "app.fulfilment" };
type Task = { id: string; status: string; what: string; points: number; customerId: string };

async function tasks(status = "all"): Promise<Task[]> {
  const answer = await adminGet(sandbox, { ...fulfilment, path: `/app/fulfilment?status=${status}` });
  expect(answer.status).toBe(200);
  return (await answer.json()).tasks;
}

async function ledger(customerId: string) {
  const { rows } = await sandbox.db.query<{ balance: number; sum: string; refunds: string; lots: string }>(
    `SELECT m.balance, (SELECT COALESCE(SUM(points), 0) FROM "LedgerEntry" WHERE "memberId" = m.id) AS sum,
            (SELECT COALESCE(SUM(remaining), 0) FROM "PointLot" WHERE "memberId" = m.id) AS lots,
            (SELECT COUNT(*) FROM "LedgerEntry" WHERE "memberId" = m.id AND kind = 'redeem_refund') AS refunds
     FROM "Member" m WHERE m."shopDomain" = $1 AND m."customerId" = $2`,
    [SHOP, customerId],
  );
  // The lots left always add up to the balance (spending takes from them).
  expect(Number(rows[0].lots)).toBe(rows[0].balance);
  return { balance: rows[0].balance, sum: Number(rows[0].sum), refunds: Number(rows[0].refunds) };
}

beforeAll(async () => {
  sandbox = await startSandbox({ env: { PROXY_RATE_LIMIT_BURST: "100000", PROXY_RATE_LIMIT_PER_SECOND: "10000" } });
  await sandbox.install(SHOP);
  expect((await sandbox.saveProgram(SHOP, { enabled: "on", pointsPerUnit: "1", awardOn: "paid", pendingDays: "0" })).status).toBe(200);
}, 120_000);

afterAll(async () => {
  await sandbox?.stop();
});

describe("an experience with limited stock", () => {
  it(
    "GIVEN 2 styling sessions and 5 members redeeming at once THEN exactly 2 tasks, no codes; completing and cancelling work once; a cancel frees its place",
    { timeout: 180_000 },
    async () => {
      const rewardId = await aReward(sandbox, SHOP, { kind: "experience", name: "Styling session", pointsCost: 100, config: { stock: 2 } });
      const members = [];
      for (let i = 0; i < 5; i++) members.push(await aMember(sandbox, SHOP, { balance: 150 }));

      // GIVEN the rewards list, THEN the experience is there with its kind
      const listed = await (await sandbox.proxy(SHOP, "rewards", members[0].customerId)).json();
      expect(listed).toEqual(expect.arrayContaining([expect.objectContaining({ id: rewardId, kind: "experience", pointsCost: 100, available: true })]));

      // WHEN all five redeem at the same moment
      const answers = await Promise.all(members.map((m) => redeem(m.customerId, rewardId)));
      const statuses = answers.map((a) => a.status).sort();
      // THEN two get it (no code: it is delivered by staff), the others are told it is unavailable, and no points move for them
      expect(statuses).toEqual([201, 201, 422, 422, 422]);
      const bodies = await Promise.all(answers.map((a) => a.json()));
      expect(bodies.filter((b) => b.redemptionId).map((b) => b.code)).toEqual([null, null]);
      expect(bodies.filter((b) => b.error).map((b) => b.error.code)).toEqual(["reward_unavailable", "reward_unavailable", "reward_unavailable"]);
      const winners = members.filter((_, i) => answers[i].status === 201);
      for (const m of members) expect((await ledger(m.customerId)).balance).toBe(winners.includes(m) ? 50 : 150);
      const open = await tasks("open");
      expect(open.map((t) => t.customerId).sort()).toEqual(winners.map((m) => m.customerId).sort());
      expect(open.every((t) => t.what === "Styling session" && t.points === 100)).toBe(true);
      const soldOut = await (await sandbox.proxy(SHOP, "rewards", members[0].customerId)).json();
      expect(soldOut.find((r: { id: string }) => r.id === rewardId)).toMatchObject({ available: false, unavailableReason: "reward_unavailable" });

      // WHEN staff mark the first delivered, twice THEN it is completed once; the member keeps the cost spent
      const [first, second] = open;
      expect((await adminPost(sandbox, fulfilment, { intent: "complete", id: first.id })).status).toBe(200);
      expect((await adminPost(sandbox, fulfilment, { intent: "complete", id: first.id })).status).toBe(409);
      expect((await adminPost(sandbox, fulfilment, { intent: "cancel", id: first.id })).status).toBe(409);
      expect(await ledger(first.customerId)).toMatchObject({ balance: 50, sum: 50, refunds: 0 });

      // WHEN staff cancel the second three times at once THEN its points come back exactly once
      const cancels = await Promise.all([0, 1, 2].map(() => adminPost(sandbox, fulfilment, { intent: "cancel", id: second.id })));
      expect(cancels.map((c) => c.status).sort()).toEqual([200, 409, 409]);
      expect(await ledger(second.customerId)).toMatchObject({ balance: 150, sum: 150, refunds: 1 });
      const all = await tasks();
      expect(all.find((t) => t.id === first.id)?.status).toBe("completed");
      expect(all.find((t) => t.id === second.id)?.status).toBe("cancelled");
      const redemptions = await sandbox.db.query<{ id: string; status: string }>(
        `SELECT r.status FROM "Redemption" r JOIN "FulfilmentTask" t ON t."redemptionId" = r.id WHERE t.id = ANY($1) ORDER BY t."completedAt" NULLS LAST`,
        [[first.id, second.id]],
      );
      expect(redemptions.rows.map((r) => r.status)).toEqual(["used", "cancelled"]);

      // THEN the cancelled place is free again: one more member can redeem, and then it is sold out again
      const loser = members.find((m) => !winners.includes(m))!;
      expect((await redeem(loser.customerId, rewardId)).status).toBe(201);
      const another = members.find((m) => !winners.includes(m) && m !== loser)!;
      expect((await redeem(another.customerId, rewardId)).status).toBe(422);
    },
  );

  it("GIVEN a bad fulfilment request THEN a precise 4xx, nothing changes", async () => {
    expect((await adminPost(sandbox, fulfilment, { intent: "explode", id: "x" })).status).toBe(400);
    expect((await adminPost(sandbox, fulfilment, { intent: "cancel", id: "no-such-task" })).status).toBe(404);
    expect((await adminPost(sandbox, fulfilment, { intent: "book", id: "x", bookedFor: "tomorrow" })).status).toBe(400);
  });
});
