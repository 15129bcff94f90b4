// Ways to earn beyond purchases, through the app proxy on real PostgreSQL: each kind awards once per its limit
// window (409 limit_reached after), bad input is a 422, parallel claims award once, birthdays land on the day
// in the shop's time zone by the controllable clock, challenges count orders by order time, survey answers are kept.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHmac } from "node:crypto";
import { actionAwardResponseSchema, memberActionsResponseSchema, programResponseSchema } from "~/members/contract";
import { localDate } from "~/actions/actions";
import { now } from "~/platform/clock.server";
import { adminPost } from "../support/admin";
import { TEST_API_SECRET } from "../support/app-server";
import { aMember, aReward, anAction } from "../support/factories";
import { saveProductFacts } from "~/catalogue/products.server";
import { startSandbox, type Sandbox } from "../support/sandbox";
import { CONTROLLABLE_CLOCK_ENV, scheduledWork, type ScheduledWork } from "../support/scheduled-work";

const SHOP = "actions-test.myshopify.com";
/** The emulator's shops are in New York unless told otherwise; install reads it from the Admin API. */
const SHOP_ZONE = "America/New_York";
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

let sandbox: Sandbox;
let work: ScheduledWork;

function post(customerId: string | null, actionId: string, body?: unknown, locale?: string) {
  return sandbox.proxy(SHOP, `actions/${actionId}`, customerId, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
    query: locale ? { locale } : undefined,
  });
}

async function actionEntries(customerId: string, actionId: string) {
  const { rows } = await sandbox.db.query<{ points: number; reason: string; occurredAt: Date }>(
    `SELECT e.points, e.reason, e."occurredAt" FROM "LedgerEntry" e JOIN "Member" m ON m.id = e."memberId"
     WHERE m."shopDomain" = $1 AND m."customerId" = $2 AND e.source = 'action' AND e."sourceId" = $3 ORDER BY e."occurredAt"`,
    [SHOP, customerId, actionId],
  );
  return rows;
}

async function balanceOf(customerId: string) {
  const { rows } = await sandbox.db.query<{ balance: number; sum: string }>(
    `SELECT m.balance, COALESCE(SUM(e.points), 0) AS sum FROM "Member" m LEFT JOIN "LedgerEntry" e ON e."memberId" = m.id
     WHERE m."shopDomain" = $1 AND m."customerId" = $2 GROUP BY m.id`,
    [SHOP, customerId],
  );
  expect(rows[0].balance).toBe(Number(rows[0].sum));
  return rows[0].balance;
}

async function memberActions(customerId: string | null) {
  const response = await sandbox.proxy(SHOP, "actions", customerId);
  expect(response.status).toBe(200);
  return memberActionsResponseSchema.strict().parse(await response.json());
}

/** The same day and month as `date`, in 1990. */
const birthdayOn = (date: { month: number; day: number }) => `1990-${String(date.month).padStart(2, "0")}-${String(date.day).padStart(2, "0")}`;

beforeAll(async () => {
  sandbox = await startSandbox({ env: { ...CONTROLLABLE_CLOCK_ENV, PROXY_RATE_LIMIT_BURST: "100000", PROXY_RATE_LIMIT_PER_SECOND: "10000" } });
  await sandbox.install(SHOP);
  const saved = await sandbox.saveProgram(SHOP, { enabled: "on", pointsPerUnit: "1", awardOn: "paid", pendingDays: "0" });
  expect(saved.status).toBe(200);
  work = scheduledWork(sandbox.app.databaseUrl);
});

afterAll(async () => {
  await work?.close();
  await sandbox?.stop();
});

describe("the program's ways to earn", () => {
  it("GIVEN actions of several kinds WHEN a shopper reads the program THEN each is described with its points and limit", async () => {
    const signup = await anAction(sandbox, SHOP, { kind: "signup", points: "50", title: "Welcome" });
    const share = await anAction(sandbox, SHOP, { kind: "social_share", points: "10", limit: "day", networks: "facebook\nx" });
    const response = await sandbox.proxy(SHOP, "program", null);
    const body = programResponseSchema.strict().parse(await response.json());
    expect(body.actions).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ id: signup, kind: "signup", points: 50, limit: "once", title: "Welcome" }),
        expect.objectContaining({
          id: share,
          kind: "social_share",
          points: 10,
          limit: "day",
          networks: [
            { network: "facebook", url: null },
            { network: "x", url: null },
          ],
        }),
      ]),
    );
  });
});

describe("claiming an action from the widget", () => {
  it("GIVEN a sign-up bonus WHEN the shopper claims it twice THEN 201 once with the new balance, then 409 limit_reached", async () => {
    const id = await anAction(sandbox, SHOP, { kind: "signup", points: "75" });
    const { customerId, balance } = await aMember(sandbox, SHOP, { balance: 10 });
    const first = await post(customerId, id);
    expect(first.status).toBe(201);
    expect(actionAwardResponseSchema.strict().parse(await first.json())).toEqual({ points: 75, balance: balance + 75 });
    const again = await post(customerId, id);
    expect(again.status).toBe(409);
    expect(((await again.json()) as { error: { code: string } }).error.code).toBe("limit_reached");
    expect(await actionEntries(customerId, id)).toHaveLength(1);
    expect(await balanceOf(customerId)).toBe(balance + 75);
  });

  it("GIVEN a customer who is not yet a member WHEN they claim the sign-up bonus THEN they join with it", async () => {
    const id = await anAction(sandbox, SHOP, { kind: "signup", points: "20" });
    const customer = sandbox.emulator.store.addCustomer(SHOP, { email: "new-joiner@example.com", first_name: "New", last_name: "Joiner" });
    const answer = await post(String(customer.id), id);
    expect(answer.status).toBe(201);
    expect(await answer.json()).toEqual({ points: 20, balance: 20 });
  });

  it("GIVEN a guest WHEN they claim THEN 401 not_signed_in and nothing is written", async () => {
    const id = await anAction(sandbox, SHOP, { kind: "signup", points: "20" });
    const answer = await post(null, id);
    expect(answer.status).toBe(401);
    expect(((await answer.json()) as { error: { code: string } }).error.code).toBe("not_signed_in");
  });

  it("GIVEN an unknown action, one not claimable by shoppers, or one not yet started THEN 404, 403 and 422 with codes", async () => {
    const { customerId } = await aMember(sandbox, SHOP);
    const unknown = await post(customerId, "no-such-action");
    expect(unknown.status).toBe(404);
    const review = await anAction(sandbox, SHOP, { kind: "review", points: "30", limit: "day" });
    const notClaimable = await post(customerId, review);
    expect(notClaimable.status).toBe(403);
    expect(((await notClaimable.json()) as { error: { code: string } }).error.code).toBe("action_not_claimable");
    const later = await anAction(sandbox, SHOP, { kind: "signup", points: "20", startsAt: "2999-01-01" });
    const notYet = await post(customerId, later);
    expect(notYet.status).toBe(422);
    expect(((await notYet.json()) as { error: { code: string } }).error.code).toBe("action_unavailable");
  });

  it("GIVEN social follow on two networks WHEN the shopper follows each THEN one award per network, once each; a third network is a 422", async () => {
    const id = await anAction(sandbox, SHOP, {
      kind: "social_follow",
      points: "15",
      limit: "once",
      networks: "instagram | https://instagram.com/loyalist\ntiktok | https://tiktok.com/@loyalist",
    });
    const { customerId } = await aMember(sandbox, SHOP);
    expect((await post(customerId, id, { network: "instagram" })).status).toBe(201);
    expect((await post(customerId, id, { network: "instagram" })).status).toBe(409);
    expect((await post(customerId, id, { network: "tiktok" })).status).toBe(201);
    const bad = await post(customerId, id, { network: "myspace" });
    expect(bad.status).toBe(422);
    expect(((await bad.json()) as { error: { code: string } }).error.code).toBe("invalid_request");
    expect((await post(customerId, id, { network: "instagram", extra: 1 })).status).toBe(422);
    expect((await actionEntries(customerId, id)).map((e) => e.reason).sort()).toEqual(["action:social_follow:instagram", "action:social_follow:tiktok"]);
    const view = await memberActions(customerId);
    expect(view.actions.find((a) => a.id === id)).toMatchObject({ state: "done", networksDone: ["instagram", "tiktok"] });
  });

  it("GIVEN a daily share WHEN a day passes on the controllable clock THEN it can be earned again, once", async () => {
    const id = await anAction(sandbox, SHOP, { kind: "social_share", points: "5", limit: "day", networks: "facebook" });
    const { customerId } = await aMember(sandbox, SHOP);
    expect((await post(customerId, id, { network: "facebook" })).status).toBe(201);
    expect((await post(customerId, id, { network: "facebook" })).status).toBe(409);
    await work.advance(DAY);
    expect((await post(customerId, id, { network: "facebook" })).status).toBe(201);
    expect((await post(customerId, id, { network: "facebook" })).status).toBe(409);
    expect(await actionEntries(customerId, id)).toHaveLength(2);
  });

  it("GIVEN a survey WHEN the shopper answers THEN the answers are stored for Insight and the points awarded once; bad answers are a 422", async () => {
    const id = await anAction(sandbox, SHOP, {
      kind: "survey",
      points: "40",
      limit: "once",
      questions: "favourite_category | What do you buy most? | Tea, Coffee, Cups\nwish | What should we sell next?",
    });
    const { customerId } = await aMember(sandbox, SHOP);
    expect((await post(customerId, id, { answers: { favourite_category: "Juice", wish: "Mugs" } })).status).toBe(422);
    expect((await post(customerId, id, { answers: { favourite_category: "Tea" } })).status).toBe(422);
    expect((await post(customerId, id, { answers: "Tea" })).status).toBe(422);
    const answered = await post(customerId, id, { answers: { favourite_category: "Tea", wish: "Mugs" } });
    expect(answered.status).toBe(201);
    const { rows } = await sandbox.db.query<{ question: string; answer: string; source: string }>(
      `SELECT question, answer, source FROM "SurveyAnswer" WHERE "shopDomain" = $1 AND "customerId" = $2 AND "surveyId" = $3 ORDER BY question`,
      [SHOP, customerId, id],
    );
    expect(rows).toEqual([
      { question: "favourite_category", answer: "Tea", source: "widget" },
      { question: "wish", answer: "Mugs", source: "widget" },
    ]);
    expect((await post(customerId, id, { answers: { favourite_category: "Coffee", wish: "Cups" } })).status).toBe(409);
    const kept = await sandbox.db.query(`SELECT answer FROM "SurveyAnswer" WHERE "surveyId" = $1 AND question = 'favourite_category'`, [id]);
    expect(kept.rows).toEqual([{ answer: "Tea" }]);
  });

  it("GIVEN a poll WHEN members vote THEN one vote and one award each, and the merchant's results count them", async () => {
    const id = await anAction(sandbox, SHOP, {
      kind: "poll",
      points: "10",
      limit: "once",
      pollQuestion: "Which tea next?",
      pollOptions: "matcha | Matcha\nchai | Chai",
    });
    const [a, b] = [await aMember(sandbox, SHOP), await aMember(sandbox, SHOP)];
    expect((await post(a.customerId, id, { option: "matcha" })).status).toBe(201);
    expect((await post(a.customerId, id, { option: "chai" })).status).toBe(409);
    expect((await post(b.customerId, id, { option: "oolong" })).status).toBe(422);
    expect((await post(b.customerId, id, { option: "matcha" })).status).toBe(201);
    const { rows } = await sandbox.db.query(`SELECT option, count(*)::int AS n FROM "PollVote" WHERE "actionId" = $1 GROUP BY option`, [id]);
    expect(rows).toEqual([{ option: "matcha", n: 2 }]);
  });

  it("GIVEN a poll for a tier the shop does not have WHEN a member votes THEN 403 tier_required, and it shows as unavailable", async () => {
    const id = await anAction(sandbox, SHOP, {
      kind: "poll",
      points: "10",
      pollQuestion: "VIP preview?",
      pollOptions: "yes | Yes\nno | No",
      minimumTier: "gold",
    });
    const { customerId } = await aMember(sandbox, SHOP);
    const answer = await post(customerId, id, { option: "yes" });
    expect(answer.status).toBe(403);
    expect(((await answer.json()) as { error: { code: string } }).error.code).toBe("tier_required");
    expect((await memberActions(customerId)).actions.find((a) => a.id === id)?.state).toBe("unavailable");
  });

  it("GIVEN one sign-up bonus WHEN the shopper sends 12 claims at once THEN exactly one is awarded and the rest are 409", async () => {
    const id = await anAction(sandbox, SHOP, { kind: "signup", points: "33" });
    const { customerId, balance } = await aMember(sandbox, SHOP);
    const answers = await Promise.all(Array.from({ length: 12 }, () => post(customerId, id)));
    const statuses = answers.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(11);
    expect(await actionEntries(customerId, id)).toHaveLength(1);
    expect(await balanceOf(customerId)).toBe(balance + 33);
    const { rows } = await sandbox.db.query(
      `SELECT type, payload FROM "ProgramEvent" WHERE "shopDomain" = $1 AND "customerId" = $2 AND type = 'points_earned' AND payload->>'source' = 'action'`,
      [SHOP, customerId],
    );
    expect(rows).toEqual([{ type: "points_earned", payload: { points: 33, balance: balance + 33, source: "action", actionId: id, actionKind: "signup" } }]);
  });

  it("GIVEN an award WHEN the shopper reads their history in Arabic THEN the reason is in Arabic", async () => {
    const id = await anAction(sandbox, SHOP, { kind: "social_share", points: "5", limit: "once", networks: "whatsapp" });
    const { customerId } = await aMember(sandbox, SHOP);
    expect((await post(customerId, id, { network: "whatsapp" })).status).toBe(201);
    const member = (await (await sandbox.proxy(SHOP, "member", customerId, { query: { locale: "ar" } })).json()) as { history: { reason: string }[] };
    expect(member.history[0].reason).toBe("شاركت متجرنا على \u2068WhatsApp\u2069");
  });
});

describe("birthdays and anniversaries", () => {
  it("GIVEN a birthday tomorrow in the shop's time zone WHEN the clock reaches the shop's midnight THEN the bonus is awarded once, not before", async () => {
    const id = await anAction(sandbox, SHOP, { kind: "birthday", points: "200" });
    const { customerId } = await aMember(sandbox, SHOP);
    const at = await now();
    // Shop-time midnight: the local time of day tells how far it is (New York has no DST change in December).
    const parts = Object.fromEntries(
      new Intl.DateTimeFormat("en-GB", { timeZone: SHOP_ZONE, hour: "2-digit", minute: "2-digit", second: "2-digit", hourCycle: "h23" })
        .formatToParts(at)
        .map((p) => [p.type, Number(p.value)]),
    );
    const untilMidnight = DAY - ((parts.hour * 60 + parts.minute) * 60 + parts.second) * 1000 - at.getMilliseconds();
    const tomorrow = localDate(new Date(at.getTime() + untilMidnight + HOUR), SHOP_ZONE);

    const set = await post(customerId, id, { birthday: birthdayOn(tomorrow) });
    expect(set.status).toBe(200);
    expect(((await set.json()) as { points: number }).points).toBe(0);
    expect((await memberActions(customerId)).birthday).toBe(birthdayOn(tomorrow));
    expect((await post(customerId, id, { birthday: "1990-02-30" })).status).toBe(422);
    expect((await post(customerId, id, { birthday: "2999-01-01" })).status).toBe(422);

    await work.advance(Math.max(0, untilMidnight - 5 * MINUTE));
    expect(await actionEntries(customerId, id)).toHaveLength(0);

    await work.advance(70 * MINUTE);
    const entries = await actionEntries(customerId, id);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ points: 200, reason: "action:birthday" });
    expect(localDate(entries[0].occurredAt, SHOP_ZONE)).toEqual(tomorrow);

    await work.advance(2 * HOUR);
    expect(await actionEntries(customerId, id)).toHaveLength(1);
  });

  it("GIVEN a birthday set once WHEN the shopper changes it twice THEN the second change is refused with birthday_locked", async () => {
    const id = await anAction(sandbox, SHOP, { kind: "birthday", points: "200", title: "Birthday (changes)" });
    const { customerId } = await aMember(sandbox, SHOP);
    expect((await post(customerId, id, { birthday: "1991-06-10" })).status).toBe(200);
    expect((await post(customerId, id, { birthday: "1991-06-11" })).status).toBe(200);
    const locked = await post(customerId, id, { birthday: "1991-06-12" });
    expect(locked.status).toBe(409);
    expect(((await locked.json()) as { error: { code: string } }).error.code).toBe("birthday_locked");
    expect((await memberActions(customerId)).birthday).toBe("1991-06-11");
  });

  it("GIVEN a member who joined a year ago today WHEN the hourly job runs THEN the anniversary bonus is awarded once", async () => {
    const id = await anAction(sandbox, SHOP, { kind: "anniversary", points: "60" });
    const { customerId, memberId } = await aMember(sandbox, SHOP);
    const at = await now();
    // Enrolment a year ago: the member row's own date moved back (no shopper-facing way to join in the past).
    const joined = new Date(at);
    joined.setUTCFullYear(joined.getUTCFullYear() - 1);
    await sandbox.db.query(`UPDATE "Member" SET "createdAt" = $1 WHERE id = $2`, [joined, memberId]);
    await work.advance(HOUR);
    await work.advance(HOUR);
    expect(await actionEntries(customerId, id)).toHaveLength(1);
  });
});

describe("challenges", () => {
  it("GIVEN 'order 3 times' from ten days ago WHEN orders arrive, one placed before the start THEN progress counts by order time and completion pays once", async () => {
    const start = new Date((await now()).getTime() - 10 * DAY).toISOString().slice(0, 10);
    const id = await anAction(sandbox, SHOP, { kind: "challenge", points: "300", limit: "once", goal: "orders", target: "3", withinDays: "", startsAt: start });
    const { customerId, customer } = await aMember(sandbox, SHOP); // its first order counts: it is now
    const product = sandbox.emulator.store.addProduct(SHOP, { title: "Challenge tea", variants: [{ price: "12.00" }] });
    const line = { productId: product.id, variantId: product.variants[0].id, quantity: 1, price: "12.00" };
    // An order processed before the challenge started (a late webhook) does not count.
    await sandbox.emulator.orders.place(SHOP, { customer, lines: [line], processedAt: new Date(Date.parse(start) - 5 * DAY) });
    await sandbox.emulator.orders.place(SHOP, { customer, lines: [line] });
    await sandbox.settle();

    const before = (await memberActions(customerId)).actions.find((a) => a.id === id);
    expect(before).toMatchObject({ state: "available", progress: { current: 2, target: 3 }, challenge: { goal: "orders", target: 3, withinDays: null } });
    const early = await post(customerId, id);
    expect(early.status).toBe(422);
    expect(await early.json()).toMatchObject({ error: { code: "challenge_incomplete", current: 2, target: 3 } });

    await sandbox.emulator.orders.place(SHOP, { customer, lines: [line] });
    await sandbox.settle();
    await work.advance(10 * MINUTE);
    const entries = await actionEntries(customerId, id);
    expect(entries).toHaveLength(1);
    expect(entries[0].points).toBe(300);
    expect((await memberActions(customerId)).actions.find((a) => a.id === id)).toMatchObject({ state: "done", progress: { current: 3, target: 3 } });
    expect((await post(customerId, id)).status).toBe(409);
  });
});

describe("reviews and store visits", () => {
  const reviewToken = (shop: string) => createHmac("sha256", TEST_API_SECRET).update(`loyalist-review:${shop}`).digest("hex");
  const reportReview = (body: unknown, token = reviewToken(SHOP), shop = SHOP) =>
    fetch(`${sandbox.app.url}/api/actions/review`, {
      method: "POST",
      headers: { "Content-Type": "application/json", "X-Loyalist-Shop-Domain": shop, Authorization: `Bearer ${token}` },
      body: JSON.stringify(body),
    });

  it("GIVEN a review action WHEN a review app reports reviews THEN points once per day; a wrong token is 401 and bad input 400", async () => {
    const id = await anAction(sandbox, SHOP, { kind: "review", points: "25", limit: "day", title: "Reviews only" });
    const { customerId, balance } = await aMember(sandbox, SHOP);
    expect((await reportReview({ customerId, reviewId: "r1", actionId: id }, "0".repeat(64))).status).toBe(401);
    expect((await reportReview({ customerId, reviewId: "r1", actionId: id }, reviewToken("other.myshopify.com"))).status).toBe(401);
    expect((await reportReview({ customerId: "not-a-number", reviewId: "r1", actionId: id })).status).toBe(400);
    const first = await reportReview({ customerId, reviewId: "r1", actionId: id });
    expect(first.status).toBe(201);
    expect(await first.json()).toEqual({ points: 25, balance: balance + 25 });
    expect((await reportReview({ customerId, reviewId: "r2", actionId: id })).status).toBe(409);
    expect(await actionEntries(customerId, id)).toHaveLength(1);
  });

  it("GIVEN a store-visit action WHEN staff record a visit twice on the member page THEN one award per day, by that staff member", async () => {
    const id = await anAction(sandbox, SHOP, { kind: "store_visit", points: "12", limit: "day" });
    const { customerId, memberId } = await aMember(sandbox, SHOP);
    const visit = () => adminPost(sandbox, { shop: SHOP, path: `/app/members/${memberId}/visit`, routeId: "app.members.$id.visit" }, {});
    const first = await visit();
    expect(first.status).toBe(200);
    expect(await first.json()).toMatchObject({ ok: true, points: 12 });
    expect((await visit()).status).toBe(409);
    const { rows } = await sandbox.db.query(`SELECT actor FROM "LedgerEntry" WHERE "sourceId" = $1`, [id]);
    expect(rows).toHaveLength(1);
    expect(rows[0].actor).toMatch(/\S/);
    expect(await actionEntries(customerId, id)).toHaveLength(1);
  });
});

describe("ways to earn with tiers", () => {
  const TIERED = "actions-tiers.myshopify.com";
  const tierRows = [
    { name: "Silver", threshold: "50" },
    { name: "Gold", threshold: "100" },
  ];
  const postTo = (customerId: string, actionId: string, body?: unknown) =>
    sandbox.proxy(TIERED, `actions/${actionId}`, customerId, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  const tierOf = async (customerId: string) =>
    (
      await sandbox.db.query<{ tierId: string | null }>(
        `SELECT t."tierId" FROM "MemberTier" t JOIN "Member" m ON m.id = t."memberId" WHERE m."shopDomain" = $1 AND m."customerId" = $2`,
        [TIERED, customerId],
      )
    ).rows[0]?.tierId ?? null;

  beforeAll(async () => {
    await sandbox.install(TIERED);
    expect((await sandbox.saveProgram(TIERED, { enabled: "on", pointsPerUnit: "1", awardOn: "paid", pendingDays: "0" })).status).toBe(200);
    // Tiers by points earned, confirmed on the Tiers page and applied by its job (every minute).
    const form: Record<string, string> = { intent: "apply", measure: "points", period: "lifetime", graceDays: "0" };
    tierRows.forEach((tier, row) => {
      Object.assign(form, { [`tiers.${row}.name`]: tier.name, [`tiers.${row}.threshold`]: tier.threshold, [`tiers.${row}.multiplier`]: "1" });
      form[`tiers.${row}.birthdayBonus`] = "0";
    });
    expect((await adminPost(sandbox, { shop: TIERED, path: "/app/tiers", routeId: "app.tiers" }, form)).status).toBe(200);
    await work.advance(61_000);
  });

  it("GIVEN points tiers WHEN a sign-up bonus crosses Gold's threshold THEN the member is Gold at once, with one tier_changed event and reward_reachable", async () => {
    await aReward(sandbox, TIERED, { kind: "amount_off", pointsCost: 110, config: { valueMinor: 500 } });
    const signup = await anAction(sandbox, TIERED, { kind: "signup", points: "120" });
    const { customerId, balance } = await aMember(sandbox, TIERED);
    expect(balance).toBeLessThan(50);
    expect(await tierOf(customerId)).toBeNull();

    expect((await postTo(customerId, signup)).status).toBe(201);
    const { rows: tiers } = await sandbox.db.query<{ id: string; name: string }>(
      `SELECT t->>'id' AS id, t->>'name' AS name FROM "TierProgram" p, jsonb_array_elements(p.rules->'tiers') t WHERE p."shopDomain" = $1`,
      [TIERED],
    );
    expect(await tierOf(customerId)).toBe(tiers.find((t) => t.name === "Gold")!.id);
    const { rows: events } = await sandbox.db.query<{ type: string; payload: Record<string, unknown> }>(
      `SELECT type, payload FROM "ProgramEvent" WHERE "shopDomain" = $1 AND "customerId" = $2 AND type <> 'points_earned' ORDER BY type`,
      [TIERED, customerId],
    );
    expect(events.map((e) => e.type)).toEqual(["reward_reachable", "tier_changed"]);
    expect(events[1].payload).toMatchObject({ direction: "up", to: { name: "Gold" }, measure: "points" });
  });

  it("GIVEN a Gold-only poll WHEN a Gold member and a member without a tier vote THEN 201 for Gold and 403 tier_required naming Gold for the other", async () => {
    const signup = await anAction(sandbox, TIERED, { kind: "signup", points: "150", title: `gold signup ${Date.now()}` });
    const poll = await anAction(sandbox, TIERED, {
      kind: "poll",
      points: "10",
      pollQuestion: "Which limited tea?",
      pollOptions: "yuzu | Yuzu\nplum | Plum",
      minimumTier: "gold",
    });
    const gold = await aMember(sandbox, TIERED);
    expect((await postTo(gold.customerId, signup)).status).toBe(201);
    const other = await aMember(sandbox, TIERED);

    const goldView = memberActionsResponseSchema.parse(await (await sandbox.proxy(TIERED, "actions", gold.customerId)).json());
    expect(goldView.actions.find((a) => a.id === poll)?.state).toBe("available");
    expect((await postTo(gold.customerId, poll, { option: "yuzu" })).status).toBe(201);

    const refused = await postTo(other.customerId, poll, { option: "yuzu" });
    expect(refused.status).toBe(403);
    expect(await refused.json()).toMatchObject({ error: { code: "tier_required", tier: "Gold", message: "This poll is for Gold members and above." } });
    const otherView = memberActionsResponseSchema.parse(await (await sandbox.proxy(TIERED, "actions", other.customerId)).json());
    expect(otherView.actions.find((a) => a.id === poll)?.state).toBe("unavailable");
  });

  it("GIVEN 'buy from 2 categories' WHEN a member buys products of types Tea, tea and Cups THEN Tea and Cups count, not collections", async () => {
    const challenge = await anAction(sandbox, TIERED, { kind: "challenge", points: "40", limit: "once", goal: "categories", target: "3", withinDays: "" });
    const { customerId, customer } = await aMember(sandbox, TIERED);
    const collection = sandbox.emulator.store.addCollection(TIERED, { title: `Everything ${Date.now()}` });
    const products = [
      sandbox.emulator.store.addProduct(TIERED, { title: "Sencha", productType: "Tea", variants: [{ price: "9.00" }] }),
      sandbox.emulator.store.addProduct(TIERED, { title: "Matcha", productType: "tea", variants: [{ price: "9.00" }] }),
      sandbox.emulator.store.addProduct(TIERED, { title: "Cup", productType: "Cups", variants: [{ price: "9.00" }] }),
    ];
    // The catalogue as a products sync leaves it: one collection holds all three (collections do not count).
    await saveProductFacts(
      TIERED,
      products.map((p) => ({ productId: String(p.id), title: p.title, tags: [], collectionIds: [String(collection.id)], productType: p.productType })),
    );
    for (const product of products) {
      await sandbox.emulator.orders.place(TIERED, {
        customer,
        lines: [{ productId: product.id, variantId: product.variants[0].id, quantity: 1, price: "9.00" }],
      });
    }
    await sandbox.settle();
    const view = memberActionsResponseSchema.parse(await (await sandbox.proxy(TIERED, "actions", customerId)).json());
    expect(view.actions.find((a) => a.id === challenge)?.progress).toEqual({ current: 2, target: 3 });
  });
});
