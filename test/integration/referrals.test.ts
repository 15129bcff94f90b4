// Referrals "Must show": every member has a code and link; a friend's claim gets a real Shopify discount code unless
// a fraud rule refuses or holds it; the friend's first paid order pays the referrer pending points exactly once,
// released by the scheduled job after the refund window (controllable clock), also with duplicate and
// out-of-order webhooks; a cancelled or refunded first order pays nothing; staff review held referrals.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { adminGet, adminPost } from "../support/admin";
import { aMember, anOrder, aReferralProgram } from "../support/factories";
import { startSandbox, type Sandbox } from "../support/sandbox";
import { CONTROLLABLE_CLOCK_ENV, scheduledWork, type ScheduledWork } from "../support/scheduled-work";

const SHOP = "referral-test.myshopify.com";
const HOUR = 3_600_000;
const REFERRER_POINTS = 500;

let sandbox: Sandbox;
let work: ScheduledWork;
let ipCounter = 0;

/** A fresh IP per claim unless the test wants one to repeat (velocity rules count per IP). */
const freshIp = () => `198.51.100.${(ipCounter++ % 250) + 1}`;
const unique = () => Math.random().toString(36).slice(2, 10);

async function referralOf(customerId: string) {
  const response = await sandbox.proxy(SHOP, "referral", customerId);
  expect(response.status).toBe(200);
  return (await response.json()) as { code: string; url: string };
}

async function claim(body: Record<string, unknown>, { customerId = null, ip = freshIp() }: { customerId?: string | null; ip?: string } = {}) {
  const response = await sandbox.proxy(SHOP, "referral/claim", customerId, {
    method: "POST",
    headers: { "Content-Type": "application/json", "X-Forwarded-For": ip },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as { discountCode?: string; error?: { code: string; message: string } } };
}

async function totals(customerId: string) {
  const { rows } = await sandbox.db.query<{ balance: number; pending: number; sum: string; pendingSum: string }>(
    `SELECT m.balance, m.pending, COALESCE(SUM(e.points), 0) AS sum, COALESCE(SUM(e."pendingPoints"), 0) AS "pendingSum"
     FROM "Member" m LEFT JOIN "LedgerEntry" e ON e."memberId" = m.id AND e.source = 'referral'
     WHERE m."shopDomain" = $1 AND m."customerId" = $2 GROUP BY m.id`,
    [SHOP, customerId],
  );
  return { balance: rows[0].balance, pending: rows[0].pending, referralPoints: Number(rows[0].sum), referralPending: Number(rows[0].pendingSum) };
}

async function referralRow(discountCode: string) {
  const { rows } = await sandbox.db.query<{ id: string; status: string; reasons: string[] }>(
    `SELECT id, status, reasons FROM "Referral" WHERE "shopDomain" = $1 AND "discountCode" = $2`,
    [SHOP, discountCode],
  );
  return rows[0];
}

async function completedEvents(customerId: string) {
  const { rows } = await sandbox.db.query(`SELECT 1 FROM "ProgramEvent" WHERE "shopDomain" = $1 AND "customerId" = $2 AND type = 'referral_completed'`, [
    SHOP,
    customerId,
  ]);
  return rows.length;
}

/** A referrer with a first order behind them (so a member), and their code. */
async function aReferrer(spec: { email?: string } = {}) {
  const member = await aMember(sandbox, SHOP, { email: spec.email });
  return { ...member, ...(await referralOf(member.customerId)) };
}

/** A new friend in the emulator (a Shopify customer without orders) and their claimed code. */
async function aClaimingFriend(code: string) {
  const friend = sandbox.emulator.store.addCustomer(SHOP, { email: `friend-${unique()}@example.com`, first_name: "Grace", last_name: "Hopper" });
  const claimed = await claim({ code, email: friend.email });
  expect(claimed.status).toBe(201);
  return { friend, discountCode: claimed.body.discountCode! };
}

beforeAll(async () => {
  // No order reconciliation: the clock jumps a day at a time and the test is about webhooks.
  sandbox = await startSandbox({
    env: { ...CONTROLLABLE_CLOCK_ENV, RECONCILE_SCHEDULE: "", PROXY_RATE_LIMIT_BURST: "100000", PROXY_RATE_LIMIT_PER_SECOND: "10000" },
  });
  await sandbox.install(SHOP);
  expect((await sandbox.saveProgram(SHOP, { enabled: "on", pointsPerUnit: "1", awardOn: "paid", pendingDays: "0" })).status).toBe(200);
  await aReferralProgram(sandbox, SHOP, { referrerPoints: REFERRER_POINTS, friendRewardValue: "10.00", refundWindowDays: 1 });
  // This process builds the same schedule registry as the app, so it needs the same (empty) reconcile schedule.
  vi.stubEnv("RECONCILE_SCHEDULE", "");
  work = scheduledWork(sandbox.app.databaseUrl);
  await work.settle();
}, 120_000);

afterAll(async () => {
  await work?.close();
  await sandbox?.stop();
});

describe("codes, links and the program", () => {
  it("GIVEN a member WHEN they ask for their referral THEN the same code and a storefront link with it, every time; a guest is refused", async () => {
    const member = await aMember(sandbox, SHOP);
    const first = await referralOf(member.customerId);
    expect(first.code).toMatch(/^[A-Z2-9]{8}$/);
    expect(first.url).toBe(`https://${SHOP}/?ref=${first.code}`);
    expect(await referralOf(member.customerId)).toEqual(first);
    const guest = await sandbox.proxy(SHOP, "referral", null);
    expect(guest.status).toBe(401);
    expect(((await guest.json()) as { error: { code: string } }).error.code).toBe("not_signed_in");
  });

  it("GIVEN referral settings WHEN the storefront reads the program THEN it shows the referrer's points and the friend's reward", async () => {
    const response = await sandbox.proxy(SHOP, "program", null);
    const body = (await response.json()) as { referral: unknown };
    expect(body.referral).toEqual({ referrerPoints: REFERRER_POINTS, friendReward: { kind: "amount_off", valueMinor: 1000 } });
  });
});

describe("claiming", () => {
  it("GIVEN a referrer's code WHEN a new friend claims it THEN a real single-use Shopify code for $10 off, and the same one when claimed again", async () => {
    const referrer = await aReferrer();
    const email = `new-${unique()}@example.com`;
    const first = await claim({ code: referrer.code.toLowerCase(), email });
    expect(first.status).toBe(201);
    const discountCode = first.body.discountCode!;
    expect(discountCode).toMatch(/^REF-[A-Z2-9]{10}$/);
    const inShopify = sandbox.emulator.store.discountCodes(SHOP).find((d) => d.code === discountCode);
    expect(inShopify).toBeDefined();
    const input = inShopify!.input as { usageLimit: number; appliesOncePerCustomer: boolean; customerGets: { value: { discountAmount: { amount: string } } } };
    expect(input.usageLimit).toBe(1);
    expect(input.appliesOncePerCustomer).toBe(true);
    expect(input.customerGets.value.discountAmount.amount).toBe("10.00");

    const again = await claim({ code: referrer.code, email: email.toUpperCase() });
    expect(again).toEqual({ status: 201, body: { discountCode } });
    expect(sandbox.emulator.store.discountCodes(SHOP).filter((d) => d.code === discountCode)).toHaveLength(1);
  });

  it("GIVEN two referrers' codes WHEN one friend's claims race on both THEN one referral, one Shopify code, never a 5xx", async () => {
    const [a, b] = [await aReferrer(), await aReferrer()];
    const email = `race-${unique()}@example.com`;
    const answers = await Promise.all(Array.from({ length: 12 }, (_, i) => claim({ code: (i % 2 ? a : b).code, email })));
    expect(answers.every((r) => r.status === 201 || (r.status === 409 && r.body.error?.code === "already_referred"))).toBe(true);
    const codes = new Set(answers.filter((r) => r.status === 201).map((r) => r.body.discountCode));
    expect(codes.size).toBe(1);
    expect(sandbox.emulator.store.discountCodes(SHOP).filter((d) => codes.has(d.code))).toHaveLength(1);
    const { rows } = await sandbox.db.query(`SELECT 1 FROM "Referral" WHERE "shopDomain" = $1 AND "friendEmail" = $2`, [SHOP, email]);
    expect(rows).toHaveLength(1);
  });

  it("GIVEN a code that is no one's WHEN claimed THEN 422 invalid_code; a body that is not the contract is 400", async () => {
    expect((await claim({ code: "NOSUCHCODE", email: "a@example.com" })).body.error?.code).toBe("invalid_code");
    expect((await claim({ code: "NOSUCHCODE", email: "a@example.com" })).status).toBe(422);
    expect((await claim({ code: "X", email: "not-an-email" })).status).toBe(400);
    expect((await claim({ code: "X", email: "a@example.com", extra: 1 })).status).toBe(400);
  });
});

describe("fraud rules", () => {
  it("self-referral, same customer: GIVEN a signed-in referrer WHEN they claim their own code THEN 409 self_referral and no code", async () => {
    const referrer = await aReferrer();
    const before = sandbox.emulator.store.discountCodes(SHOP).length;
    const answer = await claim({ code: referrer.code, email: `other-${unique()}@example.com` }, { customerId: referrer.customerId });
    expect(answer.status).toBe(409);
    expect(answer.body.error?.code).toBe("self_referral");
    expect(sandbox.emulator.store.discountCodes(SHOP).length).toBe(before);
  });

  it("self-referral, same normalised email: GIVEN a Gmail referrer WHEN claimed with dots, +tag, capitals and googlemail.com THEN 409 self_referral", async () => {
    const local = `ada.${unique()}`;
    const referrer = await aReferrer({ email: `${local}@gmail.com` });
    const alias = `${local.replace(".", "").toUpperCase()}+friend@GoogleMail.com`;
    const answer = await claim({ code: referrer.code, email: alias });
    expect(answer.status).toBe(409);
    expect(answer.body.error?.code).toBe("self_referral");
  });

  it("already a customer: GIVEN a friend who has ordered before WHEN they claim THEN 409 already_customer", async () => {
    const referrer = await aReferrer();
    const existing = await aMember(sandbox, SHOP);
    const answer = await claim({ code: referrer.code, email: existing.email });
    expect(answer.status).toBe(409);
    expect(answer.body.error?.code).toBe("already_customer");
  });

  it("disposable email: GIVEN a throwaway inbox WHEN claimed THEN 422 disposable_email", async () => {
    const referrer = await aReferrer();
    const answer = await claim({ code: referrer.code, email: `x${unique()}@mailinator.com` });
    expect(answer.status).toBe(422);
    expect(answer.body.error?.code).toBe("disposable_email");
  });

  it("one IP, many referrals a week: GIVEN 3 claims from one IP WHEN a 4th comes THEN it is held for review (409 suspicious) with its reason", async () => {
    const ip = "203.0.113.77";
    for (let i = 0; i < 3; i++) {
      const referrer = await aReferrer();
      expect((await claim({ code: referrer.code, email: `ip-${unique()}@example.com` }, { ip })).status).toBe(201);
    }
    const referrer = await aReferrer();
    const email = `ip-${unique()}@example.com`;
    const held = await claim({ code: referrer.code, email }, { ip });
    expect(held.status).toBe(409);
    expect(held.body.error?.code).toBe("suspicious");
    const { rows } = await sandbox.db.query(`SELECT status, reasons, "discountCode" FROM "Referral" WHERE "shopDomain" = $1 AND "friendEmail" = $2`, [
      SHOP,
      email,
    ]);
    expect(rows[0]).toEqual({ status: "held", reasons: ["ip_velocity"], discountCode: null });
  });

  it("velocity per referrer: GIVEN 5 referrals of one member today WHEN a 6th friend claims THEN it is held with referrer_velocity", async () => {
    const referrer = await aReferrer();
    for (let i = 0; i < 5; i++) expect((await claim({ code: referrer.code, email: `v-${unique()}@example.com` })).status).toBe(201);
    const email = `v-${unique()}@example.com`;
    const held = await claim({ code: referrer.code, email });
    expect(held.body.error?.code).toBe("suspicious");
    const { rows } = await sandbox.db.query(`SELECT status, reasons FROM "Referral" WHERE "shopDomain" = $1 AND "friendEmail" = $2`, [SHOP, email]);
    expect(rows[0]).toEqual({ status: "held", reasons: ["referrer_velocity"] });
  });

  it("self-referral, same phone: GIVEN the friend's first order has the referrer's phone THEN it is held for review and pays nothing", async () => {
    const referrer = await aReferrer();
    const phone = `+1 555 01${String(ipCounter).padStart(2, "0")} ${Math.floor(Math.random() * 9000 + 1000)}`;
    await sandbox.emulator.orders.place(SHOP, { customer: { id: referrer.customerId }, lines: [await aLine()], phone });
    await sandbox.settle();
    const { friend, discountCode } = await aClaimingFriend(referrer.code);
    await sandbox.emulator.orders.place(SHOP, {
      customer: { id: friend.id },
      lines: [await aLine()],
      discountCodes: [discountCode],
      phone: phone.replace(/\s/g, ""),
    });
    await sandbox.settle();
    expect(await referralRow(discountCode)).toMatchObject({ status: "held", reasons: ["same_phone"] });
    expect((await totals(referrer.customerId)).referralPending).toBe(0);
  });

  it("self-referral, same shipping address: GIVEN the friend ships to the referrer's address THEN it is held for review", async () => {
    const referrer = await aReferrer();
    const street = `${Math.floor(Math.random() * 900 + 100)} Elm Street`;
    await sandbox.emulator.orders.place(SHOP, {
      customer: { id: referrer.customerId },
      lines: [await aLine()],
      shippingAddress: { address1: street, zip: "02139" },
    });
    await sandbox.settle();
    const { friend, discountCode } = await aClaimingFriend(referrer.code);
    await sandbox.emulator.orders.place(SHOP, {
      customer: { id: friend.id },
      lines: [await aLine()],
      discountCodes: [discountCode],
      shippingAddress: { address1: street.toUpperCase() + ".", zip: "02139" },
    });
    await sandbox.settle();
    expect(await referralRow(discountCode)).toMatchObject({ status: "held", reasons: ["same_address"] });
  });

  it("ordered before: GIVEN a friend who claims, then orders without the code, then with it THEN the referral is void (not a first order)", async () => {
    const referrer = await aReferrer();
    const { friend, discountCode } = await aClaimingFriend(referrer.code);
    await anOrder(sandbox, SHOP, { customer: friend });
    await anOrder(sandbox, SHOP, { customer: friend, price: "50.00", discountCodes: [discountCode] });
    expect(await referralRow(discountCode)).toMatchObject({ status: "void", reasons: ["not_first_order"] });
    expect((await totals(referrer.customerId)).referralPending).toBe(0);
  });
});

async function aLine() {
  const product = sandbox.emulator.store.addProduct(SHOP, { title: `Product ${unique()}`, variants: [{ price: "40.00" }] });
  return { productId: product.id, variantId: product.variants[0].id, quantity: 1, price: "40.00" };
}

describe("completion and payout", () => {
  it(
    "GIVEN a legitimate referral WHEN the friend's first paid order uses the code, delivered twice THEN pending points once, available only after the window, one referral_completed",
    { timeout: 240_000 },
    async () => {
      const referrer = await aReferrer();
      const start = await totals(referrer.customerId);
      const { friend, discountCode } = await aClaimingFriend(referrer.code);

      const { order } = await sandbox.emulator.orders.place(SHOP, { customer: { id: friend.id }, lines: [await aLine()], discountCodes: [discountCode] });
      await sandbox.settle();
      // The same orders/paid delivered again (a new webhook id: Shopify's retry of an unanswered one).
      await sandbox.emulator.webhooks.send({ shop: SHOP, topic: "orders/paid", payload: order });
      await sandbox.emulator.webhooks.send({ shop: SHOP, topic: "orders/updated", payload: order });
      await sandbox.settle();

      expect(await totals(referrer.customerId)).toEqual({
        ...start,
        pending: start.pending + REFERRER_POINTS,
        referralPoints: 0,
        referralPending: REFERRER_POINTS,
      });
      expect((await referralRow(discountCode)).status).toBe("pending");
      const member = (await (await sandbox.proxy(SHOP, "member", referrer.customerId)).json()) as { pending: number; history: { reason: string }[] };
      expect(member.pending).toBe(start.pending + REFERRER_POINTS);
      expect(member.history[0].reason).toBe("Referral reward pending until your friend's order is final");

      // WHEN most of the 1-day window passes THEN still pending
      await work.advance(20 * HOUR, 120_000);
      expect((await totals(referrer.customerId)).referralPoints).toBe(0);
      // WHEN the window is over THEN available, once, with one Flow event
      await work.advance(5 * HOUR, 120_000);
      await work.advance(2 * 60_000, 60_000);
      expect(await totals(referrer.customerId)).toEqual({
        ...start,
        balance: start.balance + REFERRER_POINTS,
        referralPoints: REFERRER_POINTS,
        referralPending: 0,
      });
      expect((await referralRow(discountCode)).status).toBe("completed");
      expect(await completedEvents(referrer.customerId)).toBe(1);

      // A late redelivery after completion changes nothing.
      await sandbox.emulator.webhooks.send({ shop: SHOP, topic: "orders/paid", payload: order });
      await sandbox.settle();
      await work.advance(2 * 60_000, 60_000);
      expect((await totals(referrer.customerId)).referralPoints).toBe(REFERRER_POINTS);
      expect(await completedEvents(referrer.customerId)).toBe(1);
    },
  );

  it("GIVEN the paid update arrives before the order's creation (out of order) THEN the referrer's points pend once", async () => {
    const referrer = await aReferrer();
    const { friend, discountCode } = await aClaimingFriend(referrer.code);
    const created = sandbox.emulator.store.placeOrder(SHOP, {
      customer: { id: friend.id },
      lines: [await aLine()],
      discountCodes: [discountCode],
      financialStatus: "pending",
    });
    const paid = { ...created, financial_status: "paid", updated_at: new Date(Date.parse(created.updated_at) + 60_000).toISOString() };
    await sandbox.emulator.webhooks.send({ shop: SHOP, topic: "orders/paid", payload: paid });
    await sandbox.settle();
    await sandbox.emulator.webhooks.send({ shop: SHOP, topic: "orders/create", payload: created });
    await sandbox.settle();
    expect((await totals(referrer.customerId)).referralPending).toBe(REFERRER_POINTS);
    expect((await referralRow(discountCode)).status).toBe("pending");
  });

  it(
    "GIVEN a paid first order WHEN it is cancelled within the window THEN the pending points are reversed and nothing is ever released",
    { timeout: 120_000 },
    async () => {
      const referrer = await aReferrer();
      const start = await totals(referrer.customerId);
      const { friend, discountCode } = await aClaimingFriend(referrer.code);
      const { order } = await sandbox.emulator.orders.place(SHOP, { customer: { id: friend.id }, lines: [await aLine()], discountCodes: [discountCode] });
      await sandbox.settle();
      expect((await totals(referrer.customerId)).referralPending).toBe(REFERRER_POINTS);
      await sandbox.emulator.orders.cancel(SHOP, order.id, { refund: true });
      await sandbox.settle();
      await work.advance(26 * HOUR, 120_000);
      expect(await totals(referrer.customerId)).toEqual({ ...start, referralPoints: 0, referralPending: 0 });
      expect(await referralRow(discountCode)).toMatchObject({ status: "void", reasons: ["order_voided"] });
    },
  );

  it("GIVEN a first order refunded in full, the refund delivered before the paid order THEN the referrer never gets pending points", async () => {
    const referrer = await aReferrer();
    const { friend, discountCode } = await aClaimingFriend(referrer.code);
    const order = sandbox.emulator.store.placeOrder(SHOP, { customer: { id: friend.id }, lines: [await aLine()], discountCodes: [discountCode] });
    const refund = sandbox.emulator.store.refund(SHOP, order.id, { lines: [{ lineItemId: order.line_items[0].id, quantity: 1 }] });
    await sandbox.emulator.webhooks.send({ shop: SHOP, topic: "refunds/create", payload: refund });
    await sandbox.settle();
    await sandbox.emulator.webhooks.send({ shop: SHOP, topic: "orders/paid", payload: order });
    await sandbox.settle();
    expect((await totals(referrer.customerId)).referralPending).toBe(0);
    expect((await referralRow(discountCode)).status).toBe("void");
  });
});

describe("review by staff", () => {
  async function heldClaim() {
    const referrer = await aReferrer();
    const ip = `192.0.2.${(ipCounter++ % 250) + 1}`;
    for (let i = 0; i < 3; i++) await claim({ code: (await aReferrer()).code, email: `r-${unique()}@example.com` }, { ip });
    const email = `r-${unique()}@example.com`;
    expect((await claim({ code: referrer.code, email }, { ip })).body.error?.code).toBe("suspicious");
    const { rows } = await sandbox.db.query<{ id: string }>(`SELECT id FROM "Referral" WHERE "shopDomain" = $1 AND "friendEmail" = $2`, [SHOP, email]);
    return { referrer, email, ip, id: rows[0].id };
  }

  it(
    "GIVEN a held referral WHEN staff approve it in the queue THEN the friend's claim answers a real code, and the audit trail names the staff member",
    { timeout: 120_000 },
    async () => {
      const held = await heldClaim();
      const queue = (await (await adminGet(sandbox, { shop: SHOP, path: "/app/referrals", routeId: "app.referrals" })).json()) as {
        held: { id: string; reasons: string[] }[];
      };
      expect(queue.held.find((r) => r.id === held.id)?.reasons).toEqual(["ip_velocity"]);

      const colleague = sandbox.emulator.store.addStaff(SHOP, { firstName: "Linus", lastName: "Pauling" });
      const approved = await adminPost(
        sandbox,
        { shop: SHOP, path: "/app/referrals", routeId: "app.referrals", userId: colleague.id },
        { intent: "approve", referralId: held.id },
      );
      expect(approved.status).toBe(200);
      const again = await claim({ code: held.referrer.code, email: held.email }, { ip: held.ip });
      expect(again.status).toBe(201);
      expect(sandbox.emulator.store.discountCodes(SHOP).some((d) => d.code === again.body.discountCode)).toBe(true);
      const { rows } = await sandbox.db.query(`SELECT actor, action FROM "AuditEvent" WHERE "shopDomain" = $1 AND "subjectId" = $2`, [SHOP, held.id]);
      expect(rows).toHaveLength(1);
      expect(rows[0].action).toBe("referral.approve");
      expect(rows[0].actor).toContain(`(staff ${colleague.id})`);

      // A second decision on the same referral is refused.
      const twice = await adminPost(sandbox, { shop: SHOP, path: "/app/referrals", routeId: "app.referrals" }, { intent: "reject", referralId: held.id });
      expect(twice.status).toBe(409);
    },
  );

  it("GIVEN a held referral WHEN staff reject it THEN the friend gets no code", { timeout: 120_000 }, async () => {
    const held = await heldClaim();
    const rejected = await adminPost(sandbox, { shop: SHOP, path: "/app/referrals", routeId: "app.referrals" }, { intent: "reject", referralId: held.id });
    expect(rejected.status).toBe(200);
    const again = await claim({ code: held.referrer.code, email: held.email });
    expect(again.status).toBe(409);
    expect(again.body.error?.code).toBe("suspicious");
  });

  it("GIVEN a referral held at the first order (same address) WHEN staff approve THEN it pays the pending points", async () => {
    const referrer = await aReferrer();
    const street = `${Math.floor(Math.random() * 900 + 100)} Oak Road`;
    await sandbox.emulator.orders.place(SHOP, { customer: { id: referrer.customerId }, lines: [await aLine()], shippingAddress: { address1: street } });
    await sandbox.settle();
    const { friend, discountCode } = await aClaimingFriend(referrer.code);
    await sandbox.emulator.orders.place(SHOP, {
      customer: { id: friend.id },
      lines: [await aLine()],
      discountCodes: [discountCode],
      shippingAddress: { address1: street },
    });
    await sandbox.settle();
    const row = await referralRow(discountCode);
    expect(row.status).toBe("held");
    await adminPost(sandbox, { shop: SHOP, path: "/app/referrals", routeId: "app.referrals" }, { intent: "approve", referralId: row.id });
    expect((await referralRow(discountCode)).status).toBe("pending");
    expect((await totals(referrer.customerId)).referralPending).toBe(REFERRER_POINTS);
  });
});
