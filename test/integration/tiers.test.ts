// VIP tiers end to end on real PostgreSQL and the emulator: tier rules set through the admin (preview, then the
// apply job), an order crossing a threshold gives the tier at once with one tier_changed event and the
// multiplier on later orders, a late order counts in its own year, and downgrades happen at the scheduled
// review on time and not before (calendar year, rolling 12 months, grace). The clock is the controllable one.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { reviewShopTiers } from "~/tiers/tiers.server";
import { monthsBefore } from "~/tiers/tiers";
import { now as clockNow } from "~/platform/clock.server";
import { startSandbox, type Sandbox } from "../support/sandbox";
import { adminGet, adminPost } from "../support/admin";
import { aReward } from "../support/factories";
import { CONTROLLABLE_CLOCK_ENV, scheduledWork, type ScheduledWork } from "../support/scheduled-work";

const DAY = 86_400_000;
let sandbox: Sandbox;
let work: ScheduledWork;

type TierRow = { name: string; threshold: string; multiplier?: string; birthdayBonus?: string; id?: string };
type Rules = { measure: "spend" | "points" | "orders"; period: "calendar_year" | "rolling_12_months" | "lifetime"; graceDays?: number; tiers: TierRow[] };

function tierForm(rules: Rules, intent: "preview" | "apply"): Record<string, string> {
  const form: Record<string, string> = { intent, measure: rules.measure, period: rules.period, graceDays: String(rules.graceDays ?? 0) };
  rules.tiers.forEach((tier, row) => {
    form[`tiers.${row}.name`] = tier.name;
    form[`tiers.${row}.threshold`] = tier.threshold;
    form[`tiers.${row}.multiplier`] = tier.multiplier ?? "1";
    form[`tiers.${row}.birthdayBonus`] = tier.birthdayBonus ?? "0";
    if (tier.id) form[`tiers.${row}.id`] = tier.id;
  });
  return form;
}

const tiersPage = (shop: string) => ({ shop, path: "/app/tiers", routeId: "app.tiers" });

async function previewTiers(shop: string, rules: Rules) {
  const answer = await adminPost(sandbox, tiersPage(shop), tierForm(rules, "preview"));
  expect(answer.status).toBe(200);
  return ((await answer.json()) as { preview: { up: number; down: number; unchanged: number } }).preview;
}

/** Confirms tier rules through the admin, then lets the apply job run (it runs every minute). */
async function applyTiers(shop: string, rules: Rules): Promise<{ id: string; name: string; handle: string }[]> {
  const answer = await adminPost(sandbox, tiersPage(shop), tierForm(rules, "apply"));
  expect(answer.status).toBe(200);
  await work.advance(61_000);
  const { rows } = await sandbox.db.query<{ status: string }>(`SELECT status FROM "TierRuleChange" WHERE "shopDomain" = $1 ORDER BY "createdAt" DESC LIMIT 1`, [
    shop,
  ]);
  expect(rows[0].status).toBe("applied");
  return (await (await sandbox.proxy(shop, "program", null)).json()).tiers;
}

async function setUpShop(shop: string) {
  await sandbox.install(shop);
  expect((await sandbox.saveProgram(shop, { enabled: "on", pointsPerUnit: "1", awardOn: "paid", pendingDays: "0" })).status).toBe(200);
}

async function order(shop: string, customer: { id: number }, price: string, createdAt?: string) {
  const product = sandbox.emulator.store.addProduct(shop, { title: `Product ${price}`, variants: [{ price }] });
  const placed = await sandbox.emulator.orders.place(shop, {
    customer,
    lines: [{ productId: product.id, variantId: product.variants[0].id, quantity: 1, price }],
    ...(createdAt ? { createdAt } : {}),
  });
  await sandbox.settle(60_000);
  return placed;
}

async function tierOf(shop: string, customerId: number): Promise<string | null> {
  const { rows } = await sandbox.db.query<{ tierId: string | null }>(
    `SELECT t."tierId" FROM "MemberTier" t JOIN "Member" m ON m.id = t."memberId" WHERE m."shopDomain" = $1 AND m."customerId" = $2`,
    [shop, String(customerId)],
  );
  return rows[0]?.tierId ?? null;
}

async function tierEvents(shop: string, customerId: number) {
  const { rows } = await sandbox.db.query<{ payload: { from: { handle: string } | null; to: { handle: string; rank: number } | null; direction: string } }>(
    `SELECT payload FROM "ProgramEvent" WHERE "shopDomain" = $1 AND "customerId" = $2 AND type = 'tier_changed' ORDER BY "createdAt"`,
    [shop, String(customerId)],
  );
  return rows.map((r) => ({
    from: r.payload.from?.handle ?? null,
    to: r.payload.to?.handle ?? null,
    direction: r.payload.direction,
    rank: r.payload.to?.rank ?? 0,
  }));
}

beforeAll(async () => {
  // No order reconciliation: a moved clock would replay it every 15 minutes against the emulator.
  sandbox = await startSandbox({ env: { ...CONTROLLABLE_CLOCK_ENV, RECONCILE_SCHEDULE: "" } });
  vi.stubEnv("RECONCILE_SCHEDULE", "");
  work = scheduledWork(sandbox.app.databaseUrl);
  await work.settle();
}, 180_000);
afterAll(async () => {
  await work?.close();
  await sandbox?.stop();
});

describe("crossing a threshold", () => {
  const SHOP = "tiers-crossing.myshopify.com";

  it(
    "GIVEN Silver at $50 and Gold at $100 with 2x points WHEN an order takes a member past $100 THEN Gold at once, one tier_changed event, and later orders earn double",
    { timeout: 240_000 },
    async () => {
      await setUpShop(SHOP);
      const tiers = await applyTiers(SHOP, {
        measure: "spend",
        period: "calendar_year",
        tiers: [
          { name: "Silver", threshold: "50.00", multiplier: "1.5" },
          { name: "Gold", threshold: "100.00", multiplier: "2", birthdayBonus: "200" },
        ],
      });
      expect(tiers.map((t) => [t.name, t.handle])).toEqual([
        ["Silver", "silver"],
        ["Gold", "gold"],
      ]);
      const customer = sandbox.emulator.store.addCustomer(SHOP, { email: "vip@example.com" });

      // WHEN the first order (delivered as orders/create and orders/paid) crosses $100
      await order(SHOP, customer, "120.00");

      // THEN Gold, announced once
      const gold = tiers.find((t) => t.name === "Gold")!;
      expect(await tierOf(SHOP, customer.id)).toBe(gold.id);
      expect(await tierEvents(SHOP, customer.id)).toEqual([{ from: null, to: "gold", direction: "up", rank: 2 }]);
      const member = await (await sandbox.proxy(SHOP, "member", customer.id)).json();
      expect(member.tier).toEqual({ id: gold.id, name: "Gold", multiplier: 2, progress: { measure: "spend", current: 12000, next: null } });

      // AND the next order earns at 2x (the crossing order itself earned at 1x)
      await order(SHOP, customer, "10.00");
      const history = (await (await sandbox.proxy(SHOP, "member", customer.id)).json()).history as { points: number }[];
      expect(history.map((h) => h.points).sort((a, b) => a - b)).toEqual([20, 120]);
      expect(await tierEvents(SHOP, customer.id)).toHaveLength(1);

      // AND the program lists the tiers lowest first, with their perks
      const program = await (await sandbox.proxy(SHOP, "program", null)).json();
      expect(program.tiers[1]).toMatchObject({
        name: "Gold",
        measure: "spend",
        threshold: 10000,
        multiplier: 2,
        perks: [
          { kind: "multiplier", multiplier: 2 },
          { kind: "birthday_bonus", points: 200 },
        ],
      });
    },
  );

  it(
    "GIVEN a free-shipping reward for Gold and up THEN Gold members may redeem it, others see it unavailable and are refused, and Gold lists it as a perk",
    { timeout: 120_000 },
    async () => {
      const program = await (await sandbox.proxy(SHOP, "program", null)).json();
      const gold = program.tiers.find((t: { name: string }) => t.name === "Gold");
      const rewardId = await aReward(sandbox, SHOP, { kind: "free_shipping", config: {}, pointsCost: 10, name: "VIP shipping", minimumTier: gold.id });
      const vip = (
        await sandbox.db.query<{ customerId: string }>(
          `SELECT m."customerId" FROM "Member" m JOIN "MemberTier" t ON t."memberId" = m.id WHERE t."tierId" = $1`,
          [gold.id],
        )
      ).rows[0];
      const other = sandbox.emulator.store.addCustomer(SHOP, { email: "plain@example.com" });
      await order(SHOP, other, "30.00");

      const listed = async (customerId: string | number) =>
        ((await (await sandbox.proxy(SHOP, "rewards", customerId)).json()) as { id: string; available: boolean }[]).find((r) => r.id === rewardId);
      expect(await listed(vip.customerId)).toMatchObject({ available: true });
      expect(await listed(other.id)).toMatchObject({ available: false, unavailableReason: "reward_unavailable" });
      const redeem = (customerId: string | number) =>
        sandbox.proxy(SHOP, "redeem", customerId, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ rewardId }) });
      expect((await redeem(other.id)).status).toBeGreaterThanOrEqual(400);
      expect((await redeem(vip.customerId)).status).toBe(201);

      const perks = (await (await sandbox.proxy(SHOP, "program", null)).json()).tiers.map((t: { perks: { kind: string }[] }) => t.perks.map((p) => p.kind));
      expect(perks).toEqual([["multiplier"], ["multiplier", "birthday_bonus", "free_shipping"]]);
    },
  );

  it("GIVEN a member below Silver THEN the member API shows no tier and the progress towards Silver", async () => {
    const customer = sandbox.emulator.store.addCustomer(SHOP, { email: "new@example.com" });
    await order(SHOP, customer, "20.00");
    const member = await (await sandbox.proxy(SHOP, "member", customer.id)).json();
    expect(member.tier).toBeNull();
    expect(member.tierProgress).toMatchObject({ measure: "spend", current: 2000, next: { name: "Silver", threshold: 5000 } });
  });
});

describe("calendar year", () => {
  const SHOP = "tiers-calendar.myshopify.com";

  it(
    "GIVEN a late order of last year that reached Gold WHEN reviews run THEN Gold is kept through this year and the 7-day grace, then lost",
    { timeout: 240_000 },
    async () => {
      await setUpShop(SHOP);
      const [gold] = await applyTiers(SHOP, { measure: "spend", period: "calendar_year", graceDays: 7, tiers: [{ name: "Gold", threshold: "100.00" }] });
      const customer = sandbox.emulator.store.addCustomer(SHOP, { email: "late@example.com" });
      const year = new Date().getUTCFullYear();
      await order(SHOP, customer, "150.00", `${year - 1}-12-20T10:00:00Z`);
      expect(await tierOf(SHOP, customer.id)).toBe(gold.id);

      // Reviews (the review-tiers job's handler, at the due times the scheduler would give it)
      const review = (at: string) => reviewShopTiers(SHOP, new Date(at));
      await review(`${year}-12-31T00:00:00Z`);
      expect(await tierOf(SHOP, customer.id)).toBe(gold.id);
      await review(`${year + 1}-01-01T00:00:00Z`);
      await review(`${year + 1}-01-07T00:00:00Z`);
      expect(await tierOf(SHOP, customer.id)).toBe(gold.id);
      await review(`${year + 1}-01-08T00:00:00Z`);
      expect(await tierOf(SHOP, customer.id)).toBeNull();
      expect((await tierEvents(SHOP, customer.id)).map((e) => e.direction)).toEqual(["up", "down"]);
    },
  );
});

describe("rolling 12 months", () => {
  const SHOP = "tiers-rolling.myshopify.com";

  it(
    "GIVEN Gold from an order 12 months less two days ago WHEN the clock moves a day THEN still Gold; WHEN it moves past the order's anniversary THEN the daily review moves the member down",
    { timeout: 300_000 },
    async () => {
      await setUpShop(SHOP);
      const [gold] = await applyTiers(SHOP, { measure: "orders", period: "rolling_12_months", tiers: [{ name: "Gold", threshold: "1" }] });
      expect(await previewTiers(SHOP, { measure: "orders", period: "rolling_12_months", tiers: [{ name: "Gold", threshold: "1", id: gold.id }] })).toEqual({
        up: 0,
        down: 0,
        unchanged: 0,
        distribution: [{ tierId: gold.id, members: 0 }],
      });
      const customer = sandbox.emulator.store.addCustomer(SHOP, { email: "rolling@example.com" });
      const placedAt = new Date(monthsBefore(await clockNow(), 12).getTime() + 2 * DAY);
      await order(SHOP, customer, "30.00", placedAt.toISOString());
      expect(await tierOf(SHOP, customer.id)).toBe(gold.id);

      await work.advance(DAY, 120_000);
      expect(await tierOf(SHOP, customer.id)).toBe(gold.id);

      await work.advance(2 * DAY, 120_000);
      expect(await tierOf(SHOP, customer.id)).toBeNull();
      expect((await tierEvents(SHOP, customer.id)).map((e) => e.direction)).toEqual(["up", "down"]);
    },
  );
});

describe("changing tier rules", () => {
  const SHOP = "tiers-change.myshopify.com";

  it(
    "GIVEN members in tiers WHEN the merchant raises Gold's threshold and adds Platinum THEN the preview counts who moves and the apply job moves exactly them, audited and announced",
    { timeout: 300_000 },
    async () => {
      await setUpShop(SHOP);
      const first = await applyTiers(SHOP, {
        measure: "spend",
        period: "lifetime",
        tiers: [
          { name: "Silver", threshold: "50.00" },
          { name: "Gold", threshold: "100.00" },
        ],
      });
      const [silver, gold] = first;
      const spenders = { small: "60.00", middle: "120.00", big: "400.00" } as const;
      const customers: Record<string, { id: number }> = {};
      for (const [who, price] of Object.entries(spenders)) {
        customers[who] = sandbox.emulator.store.addCustomer(SHOP, { email: `${who}@example.com` });
        await order(SHOP, customers[who], price);
      }
      expect([await tierOf(SHOP, customers.small.id), await tierOf(SHOP, customers.middle.id), await tierOf(SHOP, customers.big.id)]).toEqual([
        silver.id,
        gold.id,
        gold.id,
      ]);

      const next: Rules = {
        measure: "spend",
        period: "lifetime",
        tiers: [
          { name: "Silver", threshold: "50.00", id: silver.id },
          { name: "Gold", threshold: "150.00", id: gold.id },
          { name: "Platinum", threshold: "300.00" },
        ],
      };
      // WHEN previewed: middle drops to Silver, big rises to Platinum, small stays
      const preview = await previewTiers(SHOP, next);
      expect(preview).toMatchObject({ up: 1, down: 1, unchanged: 1 });
      // Nothing changed yet
      expect(await tierOf(SHOP, customers.middle.id)).toBe(gold.id);

      // WHEN confirmed and the job runs
      const after = await applyTiers(SHOP, next);
      const platinum = after.find((t) => t.name === "Platinum")!;
      expect([await tierOf(SHOP, customers.small.id), await tierOf(SHOP, customers.middle.id), await tierOf(SHOP, customers.big.id)]).toEqual([
        silver.id,
        silver.id,
        platinum.id,
      ]);
      expect((await tierEvents(SHOP, customers.middle.id)).at(-1)).toMatchObject({ from: "gold", to: "silver", direction: "down" });
      expect((await tierEvents(SHOP, customers.big.id)).at(-1)).toMatchObject({ from: "gold", to: "platinum", direction: "up", rank: 3 });
      expect(await tierEvents(SHOP, customers.small.id)).toHaveLength(1);

      const { rows: changes } = await sandbox.db.query<{ movedUp: number; movedDown: number }>(
        `SELECT "movedUp", "movedDown" FROM "TierRuleChange" WHERE "shopDomain" = $1 ORDER BY "createdAt" DESC LIMIT 1`,
        [SHOP],
      );
      expect(changes[0]).toEqual({ movedUp: 1, movedDown: 1 });
      const { rows: audit } = await sandbox.db.query(`SELECT 1 FROM "AuditEvent" WHERE "shopDomain" = $1 AND action = 'tiers.rules_changed'`, [SHOP]);
      expect(audit).toHaveLength(2);
      const { rows: announced } = await sandbox.db.query(`SELECT 1 FROM "ProgramEvent" WHERE "shopDomain" = $1 AND type = 'program_changed'`, [SHOP]);
      expect(announced).toHaveLength(2);

      // AND the admin's distribution shows it
      const page = await (await adminGet(sandbox, tiersPage(SHOP))).json();
      expect([page.values["tiers.0.name"], page.values["tiers.2.name"], page.values["tiers.2.threshold"]]).toEqual(["Silver", "Platinum", "300.00"]);
      expect(page.distribution.map((d: { name: string; members: number }) => [d.name, d.members])).toEqual([
        ["Silver", 2],
        ["Gold", 0],
        ["Platinum", 1],
      ]);
    },
  );

  it.each([
    ["a bad multiplier", [{ name: "Gold", threshold: "10.00", multiplier: "x" }], ["tiers.0.multiplier"]],
    [
      "two tiers of the same name",
      [
        { name: "Gold", threshold: "10.00" },
        { name: "gold", threshold: "20.00" },
      ],
      ["tiers.1.handle", "tiers.1.name"],
    ],
    ["a threshold with too many decimals", [{ name: "Gold", threshold: "10.001" }], ["tiers.0.threshold"]],
  ])("GIVEN a form with %s THEN 422 naming the fields and nothing queued", async (_label, tiers, fields) => {
    const answer = await adminPost(sandbox, tiersPage(SHOP), tierForm({ measure: "spend", period: "lifetime", tiers }, "apply"));
    expect(answer.status).toBe(422);
    const body = (await answer.json()) as { fieldErrors: Record<string, string> };
    expect(Object.keys(body.fieldErrors).sort()).toEqual(fields);
    const { rows } = await sandbox.db.query(`SELECT 1 FROM "TierRuleChange" WHERE "shopDomain" = $1 AND status = 'queued'`, [SHOP]);
    expect(rows).toHaveLength(0);
  });
});
