// The shopper's language on every storefront answer: history reasons, reward names (the merchant's per-locale
// translations) and error messages follow `?locale=`; and every proxy answer conforms to the member API contract.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { z } from "zod";
import { startSandbox, type Sandbox } from "../support/sandbox";
import { adminPost, aMemberWithPoints } from "../support/admin";
import { aReward } from "../support/factories";
import {
  cancelResponseSchema,
  errorBodySchema,
  memberResponseSchema,
  programResponseSchema,
  redeemResponseSchema,
  redemptionsResponseSchema,
  rewardsResponseSchema,
} from "~/members/contract";

const SHOP = "shopper-language.myshopify.com";
let sandbox: Sandbox;
let rewardId: string;
let member: Awaited<ReturnType<typeof aMemberWithPoints>>;

const get = (path: string, customerId: string | null, locale?: string) => sandbox.proxy(SHOP, path, customerId, locale ? { query: { locale } } : {});
const post = (path: string, customerId: string | null, body: unknown, locale?: string) =>
  sandbox.proxy(SHOP, path, customerId, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(body),
    ...(locale ? { query: { locale } } : {}),
  });

/** Parses a real answer with the contract's schema and checks nothing was dropped (no field outside the contract). */
async function conforms<S extends z.ZodTypeAny>(response: Response, schema: S): Promise<z.infer<S>> {
  const body = await response.json();
  const parsed = schema.safeParse(body);
  expect(parsed.success ? null : parsed.error.issues).toBeNull();
  expect(parsed.data).toEqual(body);
  return parsed.data;
}

beforeAll(async () => {
  sandbox = await startSandbox({ env: { PROXY_RATE_LIMIT_BURST: "100000", PROXY_RATE_LIMIT_PER_SECOND: "10000" } });
  await sandbox.install(SHOP);
  expect((await sandbox.saveProgram(SHOP, { enabled: "on", pointsPerUnit: "1", awardOn: "paid", pendingDays: "0" })).status).toBe(200);
  // GIVEN a reward the merchant translated into Finnish and Arabic (Chinese left blank)
  rewardId = await aReward(sandbox, SHOP, {
    kind: "amount_off",
    config: { valueMinor: 500 },
    name: "$5 off",
    description: "Five dollars off your next order",
    translations: { fi: { name: "5 $ alennus", description: "Viisi dollaria pois seuraavasta tilauksesta" }, ar: { name: "خصم 5 دولارات" } },
  });
  // and a member with 250 points from an order, a staff adjustment and a redemption
  member = await aMemberWithPoints(sandbox, SHOP, 250, { firstName: "Aino" });
  const adjusted = await adminPost(
    sandbox,
    { shop: SHOP, path: `/app/members/${member.memberId}`, routeId: "app.members.$id" },
    {
      direction: "add",
      points: "20",
      reason: "goodwill",
      reasonText: "late parcel",
      note: "",
      confirmed: "no",
      submissionId: `adj-${Date.now()}`,
    },
  );
  expect(adjusted.status).toBe(200);
  expect((await post("redeem", member.customerId, { rewardId })).status).toBe(201);
});

afterAll(async () => {
  await sandbox?.stop();
});

describe("GET /proxy/member in the shopper's locale", () => {
  it("gives Finnish history reasons for ?locale=fi", async () => {
    const body = await conforms(await get("member", member.customerId, "fi"), memberResponseSchema);
    const reasons = body.history!.map((h) => h.reason);
    expect(reasons).toEqual(["Lunastettu: 5 $ alennus", "Kiitos kaupalta", expect.stringMatching(/^Ansaittu tilauksesta #\d+$/)]);
  });

  it("gives Arabic history reasons for ?locale=ar, names isolated for right-to-left text", async () => {
    const body = await conforms(await get("member", member.customerId, "ar"), memberResponseSchema);
    const reasons = body.history!.map((h) => h.reason);
    expect(reasons).toEqual(["تم استبدال \u2068خصم 5 دولارات\u2069", "شكر من المتجر", expect.stringMatching(/^مكتسبة من الطلب \u2068#\d+\u2069$/)]);
  });

  it("falls back to the reward's own name where the merchant left a language blank, and to English for an unknown locale", async () => {
    const zh = await conforms(await get("member", member.customerId, "zh-CN"), memberResponseSchema);
    expect(zh.history![0].reason).toBe("已兑换 $5 off");
    const de = await conforms(await get("member", member.customerId, "de"), memberResponseSchema);
    expect(de.history!.map((h) => h.reason)).toEqual(["Redeemed $5 off", "A thank-you from the store", expect.stringMatching(/^Earned on order #\d+$/)]);
  });
});

describe("error messages in the shopper's locale", () => {
  it("refuses a redemption without enough points in Finnish and in Arabic, with the same code and status", async () => {
    const poor = await aMemberWithPoints(sandbox, SHOP, 10);
    const fi = await post("redeem", poor.customerId, { rewardId }, "fi");
    expect(fi.status).toBe(422);
    const fiBody = await conforms(fi, errorBodySchema);
    expect(fiBody.error).toMatchObject({
      code: "insufficient_points",
      message: "Sinulla ei ole tarpeeksi pisteitä tähän palkintoon.",
      needed: 100,
      balance: 10,
    });
    const ar = await post("redeem", poor.customerId, { rewardId }, "ar");
    expect(ar.status).toBe(422);
    expect((await conforms(ar, errorBodySchema)).error).toMatchObject({ code: "insufficient_points", message: "ليست لديك نقاط كافية لهذه المكافأة." });
  });

  it("words errors thrown before the service runs (a guest, a malformed body) in the shopper's language too", async () => {
    const guest = await post("redeem", null, { rewardId }, "fi");
    expect(guest.status).toBe(401);
    expect((await conforms(guest, errorBodySchema)).error).toEqual({
      code: "not_signed_in",
      message: "Kirjaudu sisään lunastaaksesi palkintoja.",
      requestId: expect.any(String),
    });
    const malformed = await sandbox.proxy(SHOP, "redeem", member.customerId, { method: "POST", body: "{not json", query: { locale: "ar" } });
    expect(malformed.status).toBe(400);
    expect((await conforms(malformed, errorBodySchema)).error).toEqual({
      code: "invalid_request",
      message: "حدث خطأ في الطلب. يُرجى المحاولة مرة أخرى.",
      requestId: expect.any(String),
    });
    const missing = await post("redeem", member.customerId, { rewardId: "no-such-reward" }, "fi");
    expect(missing.status).toBe(404);
    expect((await conforms(missing, errorBodySchema)).error).toEqual({
      code: "reward_not_found",
      message: "Tätä palkintoa ei ole olemassa.",
      requestId: expect.any(String),
    });
  });
});

describe("the member API contract", () => {
  it("describes every proxy answer exactly: program, member (guest and member), rewards, redemptions, redeem and cancel", async () => {
    await conforms(await get("program", null), programResponseSchema);
    await conforms(await get("member", null), memberResponseSchema);
    await conforms(await get("member", "999999"), memberResponseSchema);
    const rewards = await conforms(await get("rewards", member.customerId, "fi"), rewardsResponseSchema);
    expect(rewards.find((r) => r.id === rewardId)).toMatchObject({ name: "5 $ alennus", description: "Viisi dollaria pois seuraavasta tilauksesta" });
    const arRewards = await conforms(await get("rewards", member.customerId, "ar"), rewardsResponseSchema);
    // A blank translated description falls back to the reward's own.
    expect(arRewards.find((r) => r.id === rewardId)).toMatchObject({ name: "خصم 5 دولارات", description: "Five dollars off your next order" });

    const redeemed = await post("redeem", member.customerId, { rewardId }, "fi");
    expect(redeemed.status).toBe(201);
    const body = await conforms(redeemed, redeemResponseSchema);
    expect(body.reward.name).toBe("5 $ alennus");
    const mine = await conforms(await get("redemptions", member.customerId, "ar"), redemptionsResponseSchema);
    expect(mine[0]).toMatchObject({ id: body.redemptionId, rewardName: "خصم 5 دولارات" });
    const cancelled = await post(`redemptions/${body.redemptionId}/cancel`, member.customerId, {}, "fi");
    expect(cancelled.status).toBe(200);
    expect((await conforms(cancelled, cancelResponseSchema)).pointsReturned).toBe(100);
    const history = await conforms(await get("member", member.customerId, "fi"), memberResponseSchema);
    expect(history.history![0].reason).toBe("Pisteet palautettiin: 5 $ alennus peruttiin");
  });
});
