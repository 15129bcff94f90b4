// Issue 7 "Must show" (integration): staff balance adjustments through the admin's HTTP routes with real
// session tokens: a reason is required, concurrent adjustments all land, and a shop never reaches another's members.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSandbox, type Sandbox } from "../support/sandbox";
import { adminGet, adminPost, aMemberWithPoints } from "../support/admin";
import { adjustmentForm, type AdjustmentFields } from "../support/factories";

const SHOP = "adjust-a.myshopify.com";
const OTHER = "adjust-b.myshopify.com";
const MEMBER_ROUTE = "app.members.$id";

let sandbox: Sandbox;

beforeAll(async () => {
  sandbox = await startSandbox();
  for (const shop of [SHOP, OTHER]) {
    await sandbox.install(shop);
    expect((await sandbox.saveProgram(shop, { enabled: "on", pointsPerUnit: "1", awardOn: "paid", pendingDays: "0" })).status).toBe(200);
  }
});

afterAll(async () => {
  await sandbox?.stop();
});

const adjust = (shop: string, memberId: string, form: Record<string, string>, userId?: number) =>
  adminPost(sandbox, { shop, path: `/app/members/${memberId}`, routeId: MEMBER_ROUTE, userId }, form);

const anAdjustment = (fields: AdjustmentFields = {}) => adjustmentForm({ reasonText: "", note: "", ...fields });

async function counts(memberId: string) {
  const { rows } = await sandbox.db.query<{ entries: string; audits: string; balance: number }>(
    `SELECT (SELECT count(*) FROM "LedgerEntry" WHERE "memberId" = $1 AND kind = 'adjustment') AS entries,
            (SELECT count(*) FROM "AuditEvent" WHERE "subjectId" = $1) AS audits,
            (SELECT balance FROM "Member" WHERE id = $1) AS balance`,
    [memberId],
  );
  return { entries: Number(rows[0].entries), audits: Number(rows[0].audits), balance: rows[0].balance };
}

describe("staff adjustments", () => {
  it("rejects an adjustment without a reason with a field error and writes nothing", async () => {
    // GIVEN a member with 40 points
    const member = await aMemberWithPoints(sandbox, SHOP, 40);
    // WHEN staff add points without choosing a reason
    const response = await adjust(SHOP, member.memberId, anAdjustment({ reason: "" }));
    // THEN the answer is a field error on the reason, and nothing was written
    expect(response.status).toBe(422);
    const body = (await response.json()) as { ok: boolean; fieldErrors: Record<string, string> };
    expect(body.ok).toBe(false);
    expect(body.fieldErrors.reason).toBe("Choose a reason");
    expect(await counts(member.memberId)).toEqual({ entries: 0, audits: 0, balance: 40 });

    // AND "other" needs the details typed out
    const other = await adjust(SHOP, member.memberId, anAdjustment({ reason: "other", reasonText: " " }));
    expect(other.status).toBe(422);
    expect(((await other.json()) as { fieldErrors: Record<string, string> }).fieldErrors.reasonText).toBe("Describe the reason");
    expect(await counts(member.memberId)).toEqual({ entries: 0, audits: 0, balance: 40 });
  });

  it("never removes below zero: a field error, not a 500", async () => {
    const member = await aMemberWithPoints(sandbox, SHOP, 30);
    const response = await adjust(SHOP, member.memberId, anAdjustment({ direction: "remove", points: "31", reason: "correction" }));
    expect(response.status).toBe(422);
    expect(((await response.json()) as { fieldErrors: Record<string, string> }).fieldErrors.points).toMatch(/at most/);
    expect(await counts(member.memberId)).toEqual({ entries: 0, audits: 0, balance: 30 });
  });

  it("records the reason, note and acting staff member, and reverses by posting the opposite entry", async () => {
    const member = await aMemberWithPoints(sandbox, SHOP, 10);
    const response = await adjust(SHOP, member.memberId, anAdjustment({ points: "25", reason: "other", reasonText: "late parcel", note: "ticket 812" }));
    expect(response.status).toBe(200);
    const { entryId, balance } = (await response.json()) as { entryId: string; balance: number };
    expect(balance).toBe(35);
    const { rows } = await sandbox.db.query(`SELECT kind, points, reason, note, actor, source FROM "LedgerEntry" WHERE id = $1`, [entryId]);
    expect(rows[0]).toMatchObject({ kind: "adjustment", points: 25, reason: "other: late parcel", note: "ticket 812", source: "staff" });
    expect(rows[0].actor).toMatch(/^Shop owner \(staff \d+\)$/);

    const reversed = await adjust(SHOP, member.memberId, { intent: "reverse", entryId });
    expect(reversed.status).toBe(200);
    const again = await adjust(SHOP, member.memberId, { intent: "reverse", entryId });
    expect(((await again.json()) as { duplicate: boolean }).duplicate).toBe(true);
    const after = await sandbox.db.query(`SELECT points, "sourceId" FROM "LedgerEntry" WHERE "memberId" = $1 AND kind = 'adjustment' ORDER BY "createdAt"`, [
      member.memberId,
    ]);
    expect(after.rows).toEqual([
      { points: 25, sourceId: null },
      { points: -25, sourceId: entryId },
    ]);
    expect((await counts(member.memberId)).balance).toBe(10);
  });

  it("asks for confirmation above the configured size", async () => {
    const member = await aMemberWithPoints(sandbox, SHOP, 5);
    const big = anAdjustment({ points: "5000" });
    const first = await adjust(SHOP, member.memberId, big);
    expect(first.status).toBe(409);
    expect(((await first.json()) as { needsConfirmation: boolean }).needsConfirmation).toBe(true);
    expect((await counts(member.memberId)).entries).toBe(0);
    const confirmed = await adjust(SHOP, member.memberId, { ...big, confirmed: "yes" });
    expect(confirmed.status).toBe(200);
    expect((await counts(member.memberId)).balance).toBe(5005);
  });

  it("lands both of two staff members' concurrent adjustments exactly", async () => {
    // GIVEN a member with 500 points and a second staff member
    const member = await aMemberWithPoints(sandbox, SHOP, 500);
    const colleague = sandbox.emulator.store.addStaff(SHOP, { firstName: "Linus", lastName: "Pauling" });
    // WHEN the owner and the colleague each post adjustments at the same moment (adds and removes)
    const owner = Array.from({ length: 6 }, (_, i) => adjust(SHOP, member.memberId, anAdjustment({ points: String(10 + i) })));
    const staff = Array.from({ length: 6 }, (_, i) =>
      adjust(SHOP, member.memberId, anAdjustment({ direction: "remove", points: String(20 + i), reason: "correction" }), colleague.id),
    );
    const responses = await Promise.all([...owner, ...staff]);
    // THEN every one landed, once, and the balance is exactly the sum
    expect(responses.map((r) => r.status)).toEqual(Array(12).fill(200));
    const added = [10, 11, 12, 13, 14, 15].reduce((a, b) => a + b, 0);
    const removed = [20, 21, 22, 23, 24, 25].reduce((a, b) => a + b, 0);
    const after = await counts(member.memberId);
    expect(after).toEqual({ entries: 12, audits: 12, balance: 500 + added - removed });
    const ledger = await sandbox.db.query<{ sum: string }>(`SELECT sum(points) AS sum FROM "LedgerEntry" WHERE "memberId" = $1`, [member.memberId]);
    expect(Number(ledger.rows[0].sum)).toBe(after.balance);
  });

  it("posts a double-clicked submission once", async () => {
    const member = await aMemberWithPoints(sandbox, SHOP, 1);
    const form = anAdjustment({ points: "7" });
    const [a, b] = await Promise.all([adjust(SHOP, member.memberId, form), adjust(SHOP, member.memberId, form)]);
    expect([a.status, b.status]).toEqual([200, 200]);
    expect(await counts(member.memberId)).toMatchObject({ entries: 1, balance: 8 });
  });
});

describe("tenant isolation", () => {
  it("a session for shop A can never read or change shop B's members", async () => {
    // GIVEN a member of shop B
    const theirs = await aMemberWithPoints(sandbox, OTHER, 70, { email: "secret.b@example.com", firstName: "Bea", lastName: "Other" });
    // WHEN shop A's staff open that member's page, adjust or reverse through it, search for them, or export
    const read = await adminGet(sandbox, { shop: SHOP, path: `/app/members/${theirs.memberId}`, routeId: MEMBER_ROUTE });
    const write = await adjust(SHOP, theirs.memberId, anAdjustment({ points: "1000", confirmed: "yes" }));
    const remove = await adjust(SHOP, theirs.memberId, anAdjustment({ direction: "remove", points: "70", reason: "fraud" }));
    const search = await adminGet(sandbox, { shop: SHOP, path: `/app/members?q=secret.b`, routeId: "app.members._index" });
    const exported = await fetch(`${sandbox.app.url}/app/members/export`, {
      headers: { Authorization: `Bearer ${sandbox.emulator.sessionToken(SHOP)}`, "User-Agent": "Mozilla/5.0 Chrome/156" },
    });
    const noToken = await fetch(`${sandbox.app.url}/app/members/${theirs.memberId}?_data=${encodeURIComponent(`routes/${MEMBER_ROUTE}`)}`);
    // THEN nothing of B's is visible and nothing changed
    expect(read.status).toBe(404);
    expect(write.status).toBe(404);
    expect(remove.status).toBe(404);
    expect(search.status).toBe(200);
    expect(((await search.json()) as { rows: unknown[] }).rows).toEqual([]);
    expect(exported.status).toBe(200);
    expect(await exported.text()).not.toContain("secret.b@example.com");
    expect(noToken.status).not.toBe(200);
    const after = await sandbox.db.query(`SELECT balance FROM "Member" WHERE id = $1`, [theirs.memberId]);
    expect(after.rows[0].balance).toBe(70);
    expect(
      (await sandbox.db.query(`SELECT count(*)::int AS n FROM "LedgerEntry" WHERE "memberId" = $1 AND kind = 'adjustment'`, [theirs.memberId])).rows[0].n,
    ).toBe(0);
    // AND B's own staff do see them
    const own = await adminGet(sandbox, { shop: OTHER, path: `/app/members/${theirs.memberId}`, routeId: MEMBER_ROUTE });
    expect(own.status).toBe(200);
  });
});
