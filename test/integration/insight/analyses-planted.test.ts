// Insight's analyses find the truths planted in a generated shop (test/support/generator/planted.ts) through
// the database, within stated tolerances, and flag nothing in its null twin. Data goes in through Insight's
// ingestion in-process (thousands of orders in seconds); analyses run through the registry as the JSON route does.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generatePlanted, type PlantedDataset } from "../../support/generator";
import { anInsightShop, startInsightDb, type InsightDb } from "../../support/insight-db";
import { anAmountReward, loadShopHistory, withBalances } from "../../support/insight-planted";
import type { Basket } from "~/insight/basket";
import type { Breakage } from "~/insight/breakage";
import type { Locations } from "~/insight/allocation";
import { offerWhyText, type Offers } from "~/insight/offers";
import type { SaidVsDid } from "~/insight/said-vs-did";
import type { Winback } from "~/insight/lapse";

const PLANTED = "insight-planted.myshopify.com";
const NULL = "insight-null.myshopify.com";
const DAY = 86_400_000;
// The history ends tomorrow, so "as of to" is after now (even past midnight) and balances set today count.
const END = new Date(Math.floor(Date.now() / DAY) * DAY + 2 * DAY).toISOString();

let db: InsightDb;
let run: typeof import("~/insight/insight.server").runAnalysis;
const data: Record<string, PlantedDataset> = {};

async function analysis<T>(shop: string, name: string, params: Record<string, string> = {}): Promise<T> {
  const { from, to } = data[shop].truths;
  const answer = await run(shop, name, new URLSearchParams({ from, to, ...params }));
  if (!answer.ok) throw new Error(`${name}: ${JSON.stringify(answer)}`);
  return answer.result as T;
}

beforeAll(async () => {
  db = await startInsightDb();
  run = (await import("~/insight/insight.server")).runAnalysis;
  const { recordSurveyAnswers } = await import("~/surveys/answers.server");
  const { default: prisma } = await import("~/db.server");
  for (const [shop, isNull] of [
    [PLANTED, false],
    [NULL, true],
  ] as const) {
    const set = generatePlanted(7, { null: isNull, endDate: END });
    data[shop] = set;
    await anInsightShop(shop);
    await loadShopHistory(shop, set);
    await anAmountReward(shop, set.truths.rewardCost, 500);
    await withBalances(shop, [...set.truths.nearThreshold, ...set.truths.passive]);
    for (const customerId of new Set(set.truths.survey.map((a) => a.customerId))) {
      const answers = Object.fromEntries(set.truths.survey.filter((a) => a.customerId === customerId).map((a) => [a.question, a.answer]));
      await prisma.$transaction((tx) =>
        recordSurveyAnswers(tx, {
          shopDomain: shop,
          customerId: String(customerId),
          surveyId: "profile",
          answers,
          source: "import",
          answeredAt: new Date(set.truths.from),
        }),
      );
    }
  }
}, 300_000);
afterAll(async () => db?.stop());

describe("basket", () => {
  it("GIVEN a pair planted at lift 3 WHEN the basket is analysed THEN it is found at 3 ± 0.5, the only significant pair, with exact fields", async () => {
    const { a, b } = data[PLANTED].truths.pair!;
    const result = await analysis<Basket>(PLANTED, "basket");
    const pair = result.pairs.find((p) => [p.a.productId, p.b.productId].sort().join() === [String(a.id), String(b.id)].sort().join());
    expect(pair).toBeDefined();
    expect(Object.keys(pair!)).toEqual(expect.arrayContaining(["a", "b", "orders", "support", "confidence", "lift"]));
    expect(pair!.a).toEqual({ productId: expect.any(String), title: expect.any(String) });
    expect(pair!.lift).toBeGreaterThan(2.5);
    expect(pair!.lift).toBeLessThan(3.5);
    expect(result.pairs.filter((p) => p.significant)).toEqual([pair]);
    for (let i = 1; i < result.pairs.length; i++) expect(result.pairs[i - 1].lift).toBeGreaterThanOrEqual(result.pairs[i].lift);
    for (const p of result.pairs) expect(p.orders).toBeGreaterThanOrEqual(5);
    expect(result.categoryPairs[0]).toEqual(
      expect.objectContaining({ a: expect.any(String), b: expect.any(String), orders: expect.any(Number), lift: expect.any(Number) }),
    );
  });

  it("GIVEN minOrders WHEN asked THEN no pair bought together in fewer orders is kept", async () => {
    const result = await analysis<Basket>(PLANTED, "basket", { minOrders: "60" });
    expect(result.pairs.length).toBeGreaterThan(0);
    for (const p of [...result.pairs, ...result.categoryPairs]) expect(p.orders).toBeGreaterThanOrEqual(60);
  });

  it("GIVEN the null twin WHEN analysed THEN no pair is significant", async () => {
    const result = await analysis<Basket>(NULL, "basket");
    expect(result.pairs.length).toBeGreaterThan(0);
    expect(result.pairs.filter((p) => p.significant)).toEqual([]);
  });
});

describe("locations", () => {
  it("GIVEN a store planted 30% under on tea WHEN analysed THEN it comes first, gap −0.3 ± 0.05, flagged, the only under-selling flag", async () => {
    const { underSold } = data[PLANTED].truths;
    const { cells, gapWorthMinor } = await analysis<Locations>(PLANTED, "locations");
    expect(cells[0]).toMatchObject({ locationId: String(underSold!.locationId), location: expect.any(String), category: "Tea", flagged: true });
    expect(cells[0].gapRatio).toBeGreaterThan(-0.35);
    expect(cells[0].gapRatio).toBeLessThan(-0.25);
    expect(cells[0].gapRatio).toBeCloseTo(cells[0].actualMinor / cells[0].expectedMinor - 1, 4);
    expect(cells.filter((c) => c.flagged && c.gapRatio < 0)).toHaveLength(1);
    expect(gapWorthMinor).toBe(cells[0].expectedMinor - cells[0].actualMinor);
    for (let i = 1; i < cells.length; i++) expect(cells[i - 1].gapRatio).toBeLessThanOrEqual(cells[i].gapRatio);
  });

  it("GIVEN the null twin WHEN analysed THEN nothing is flagged", async () => {
    const { cells } = await analysis<Locations>(NULL, "locations");
    expect(cells.length).toBe(4 * 5);
    expect(cells.filter((c) => c.flagged)).toEqual([]);
  });
});

describe("win-back", () => {
  it("GIVEN members who stopped after known intervals WHEN analysed as of to THEN exactly they are lapsed, intervals within 20%", async () => {
    const { lapsed, to } = data[PLANTED].truths;
    const result = await analysis<Winback>(PLANTED, "winback");
    expect(result.asOf).toBe(to);
    expect(result.lapsed.map((l) => l.customerId).sort()).toEqual(lapsed.map((l) => String(l.customerId)).sort());
    const asOf = Date.parse(`${to}T00:00:00Z`) + DAY;
    for (const planted of lapsed) {
      const found = result.lapsed.find((l) => l.customerId === String(planted.customerId))!;
      expect(found.lastOrderAt).toBe(planted.lastOrderAt);
      expect(Math.abs(found.usualIntervalDays / planted.usualIntervalDays - 1)).toBeLessThan(0.2);
      expect(found.daysSince).toBe(Math.floor((asOf - Date.parse(planted.lastOrderAt)) / DAY));
    }
  });

  it("GIVEN a window that ends the day after a lapsed member's last order WHEN analysed THEN they are not lapsed then", async () => {
    const [first] = data[PLANTED].truths.lapsed;
    const to = new Date(Date.parse(first.lastOrderAt) + DAY).toISOString().slice(0, 10);
    const answer = await run(PLANTED, "winback", new URLSearchParams({ from: data[PLANTED].truths.from, to }));
    if (!answer.ok) throw new Error("winback failed");
    const result = answer.result as Winback;
    expect(result.asOf).toBe(to);
    expect(result.lapsed.map((l) => l.customerId)).not.toContain(String(first.customerId));
  });

  it("GIVEN the null twin WHEN analysed THEN nobody is lapsed", async () => {
    expect((await analysis<Winback>(NULL, "winback")).lapsed).toEqual([]);
  });
});

describe("win-back offers", () => {
  it("GIVEN lapsed members WHEN offers are sent twice and one member orders again THEN each gets one offer and event, and the return rate is 1 in 20", async () => {
    const { sendWinbackOffers } = await import("~/insight/winback.server");
    const { recordInsightOrder } = await import("~/insight/ingest.server");
    const { default: prisma } = await import("~/db.server");
    const { lapsed } = data[PLANTED].truths;
    expect(await sendWinbackOffers(PLANTED)).toEqual({ sent: lapsed.length, lapsed: lapsed.length });
    expect((await sendWinbackOffers(PLANTED)).sent).toBe(0);
    expect(await prisma.programEvent.count({ where: { shopDomain: PLANTED, type: "winback_offered" } })).toBe(lapsed.length);
    const back = String(lapsed[0].customerId);
    const at = new Date(Date.now() + 60_000);
    await recordInsightOrder(PLANTED, {
      orderId: "winback-return",
      customerId: back,
      customerCreatedAt: null,
      locationId: null,
      occurredAt: at,
      currency: "USD",
      updatedAt: at,
      excluded: false,
      lines: [
        {
          lineItemId: "winback-return-1",
          productId: String(data[PLANTED].truths.pair!.a.id),
          variantId: null,
          title: null,
          quantity: 1,
          grossMinor: 1000,
          locationId: null,
        },
      ],
      refunds: [],
    });
    const result = await analysis<Winback>(PLANTED, "winback");
    expect(result.offers).toEqual({ sent: lapsed.length, returned: 1, returnRate: 1 / lapsed.length });
    expect(result.lapsed.map((l) => l.customerId)).not.toContain(back);
    for (const l of result.lapsed) expect(l.offeredAt).not.toBeNull();
  });
});

describe("survey answers import", () => {
  it("GIVEN a CSV with a bad row WHEN imported THEN nothing is recorded; fixed THEN every answer is, and said vs did counts it", async () => {
    const { importSurveyAnswers } = await import("~/insight/survey-import.server");
    const { default: prisma } = await import("~/db.server");
    const [one, two] = data[NULL].customers.filter((c) => c.persona === "oneAndDone");
    const bad = `customer_id,question,answer\n${one.id},favourite_category,Tea\nnot-an-id,favourite_category,Tea\n`;
    expect(await importSurveyAnswers(NULL, bad)).toEqual({ ok: false, code: "invalid_rows", problems: [{ row: 3, field: "customerId", code: "invalid" }] });
    expect(await prisma.surveyAnswer.count({ where: { shopDomain: NULL, customerId: String(one.id) } })).toBe(0);
    const good = `customer_id,question,answer\n${one.id},favourite_category,Tea\n${two.id},favourite_category,Coffee\n`;
    expect(await importSurveyAnswers(NULL, good)).toEqual({ ok: true, imported: 2, customers: 2 });
    const { questions } = await analysis<SaidVsDid>(NULL, "said-vs-did");
    expect(questions.find((q) => q.question === "favourite_category")!.answered).toBe(102);
  });
});

describe("breakage", () => {
  it("GIVEN frequent buyers stalled at 80–98% of the reward and passive holders WHEN analysed THEN exactly those are harmful and harmless", async () => {
    const { nearThreshold, passive, rewardCost } = data[PLANTED].truths;
    const result = await analysis<Breakage>(PLANTED, "breakage");
    expect(result.harmful.list.map((m) => m.customerId).sort()).toEqual(nearThreshold.map((m) => String(m.customerId)).sort());
    for (const m of result.harmful.list) {
      expect(m.reason).toBe("stalled_near_threshold");
      expect(m.missingPoints).toBe(rewardCost - m.balance);
      // The reward gives 5.00 for 500 points: a point is worth a cent, so the bonus costs the missing points in cents.
      expect(m.actions).toContainEqual({ action: "bonus_points", costMinor: m.missingPoints });
    }
    expect(result.harmful).toMatchObject({ members: nearThreshold.length, points: nearThreshold.reduce((s, m) => s + m.balance, 0) });
    expect(result.harmless).toEqual({ members: passive.length, points: passive.reduce((s, m) => s + m.balance, 0) });
  });

  it("GIVEN the null twin (balances far from the reward) WHEN analysed THEN nothing is harmful", async () => {
    const result = await analysis<Breakage>(NULL, "breakage");
    expect(result.harmful).toMatchObject({ members: 0, points: 0, list: [] });
    expect(result.harmless.members).toBe(data[NULL].truths.passive.length);
  });
});

describe("said vs did", () => {
  it("GIVEN a cohort of 40 in 100 whose answers contradict their purchases WHEN analysed THEN both questions show 0.4 ± 0.06", async () => {
    const { questions } = await analysis<SaidVsDid>(PLANTED, "said-vs-did");
    for (const question of ["favourite_category", "orders_per_month"]) {
      const q = questions.find((x) => x.question === question)!;
      expect(q).toMatchObject({ answered: 100 });
      expect(q.mismatchRate).toBeGreaterThan(0.34);
      expect(q.mismatchRate).toBeLessThan(0.46);
    }
  });

  it("GIVEN truthful answers (the null twin) WHEN analysed THEN mismatch rates stay under 0.06", async () => {
    const { questions } = await analysis<SaidVsDid>(NULL, "said-vs-did");
    for (const q of questions) expect(q.mismatchRate).toBeLessThan(0.06);
  });
});

/** A customer of the set who bought the planted pair's first product but never its second. */
function buyerOfAOnly(set: PlantedDataset): string {
  const { a, b } = data[PLANTED].truths.pair!;
  const byCustomer = new Map<number, Set<number>>();
  for (const o of set.orders)
    if (o.customerId) for (const l of o.lines) byCustomer.set(o.customerId, (byCustomer.get(o.customerId) ?? new Set()).add(l.productId));
  const found = [...byCustomer].find(([, products]) => products.has(a.id) && !products.has(b.id));
  if (!found) throw new Error("no buyer of the first product alone");
  return String(found[0]);
}

describe("offers", () => {
  it("GIVEN a member who bought the pair's first product but not the second WHEN offered THEN a cross-sell of the second, explained", async () => {
    const { a, b } = data[PLANTED].truths.pair!;
    const customerId = buyerOfAOnly(data[PLANTED]);
    const { offers } = await analysis<Offers>(PLANTED, "offers", { customerId });
    const cross = offers.find((o) => o.kind === "cross_sell");
    // The reason is a code with its values; the admin words it in the viewer's language.
    expect(cross).toMatchObject({ customerId, productId: String(b.id), why: { code: "bought_together", params: { boughtProductId: String(a.id) } } });
    expect(offerWhyText(cross!.why, "en")).toContain(a.title);
  });

  it("GIVEN a member 20–100 points from the reward WHEN offered THEN the reward, with the points still needed", async () => {
    const { nearThreshold, rewardCost } = data[PLANTED].truths;
    const member = nearThreshold[0];
    const { offers } = await analysis<Offers>(PLANTED, "offers", { customerId: String(member.customerId) });
    expect(offers.find((o) => o.kind === "reward_close")).toMatchObject({
      rewardId: expect.any(String),
      why: { code: "reward_close", params: { pointsNeeded: rewardCost - member.balance } },
    });
  });

  it("GIVEN the null twin WHEN the same kind of member is offered THEN no cross-sell (no pair is real), but the close reward still", async () => {
    const customerId = buyerOfAOnly(data[NULL]);
    const { offers } = await analysis<Offers>(NULL, "offers", { customerId });
    expect(offers.filter((o) => o.kind === "cross_sell")).toEqual([]);
    const member = data[NULL].truths.nearThreshold[0];
    // Null balances sit at 10–40% of the cost: not close.
    const close = await analysis<Offers>(NULL, "offers", { customerId: String(member.customerId) });
    expect(close.offers.filter((o) => o.kind === "reward_close")).toEqual([]);
  });

  it("GIVEN no customerId WHEN offers are asked THEN the window's most frequent buyers get theirs, each with the contract's fields", async () => {
    const { offers, members } = await analysis<Offers>(PLANTED, "offers", { limit: "10" });
    expect(members).toBe(10);
    for (const o of offers) {
      expect(o).toEqual(
        expect.objectContaining({
          customerId: expect.any(String),
          kind: expect.any(String),
          why: expect.objectContaining({ code: expect.any(String), params: expect.any(Object) }),
        }),
      );
      if (o.kind === "new_category") expect(o.category).toEqual(expect.any(String));
    }
  });
});
