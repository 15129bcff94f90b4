// Hostile traffic at the app proxy of the built app on real PostgreSQL, signed with the emulator's proxy
// signer: repeated identity parameters (signed over the joined values), odd query strings, odd JSON bodies
// and odd headers. Never a 5xx or a hang, never another customer's or shop's data, the ledger untouched.
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSandbox, type Sandbox } from "../support/sandbox";
import { adminPost, aMemberWithPoints } from "../support/admin";
import { proxySignature } from "../support/emulator/app-proxy";
import { TEST_API_SECRET } from "../support/app-server";
import { backgroundJobsRunning, oddHeaderValue, oddQueryValue, refusedJsonText } from "../support/hostile";

const SHOP = "hostile-proxy.myshopify.com";
const OTHER_SHOP = "hostile-proxy-other.myshopify.com";
const IDENTITY = ["shop", "logged_in_customer_id", "timestamp", "path_prefix", "signature"] as const;
const TIMEOUT_MS = 10_000;

type Member = Awaited<ReturnType<typeof aMemberWithPoints>>;
let sandbox: Sandbox;
let alice: Member;
let bob: Member;
let stranger: Member;
let rewardId: string;
/** Bob's own code and redemption: what the hostile run reached through Alice's session. */
let bobsCode: string;
let bobsRedemption: string;

/** Strings that belong to someone other than the signed shopper (Alice): none may appear in her answers. */
const foreignMarkers = () => [bob.email, bobsCode, bobsRedemption, stranger.email, OTHER_SHOP];

async function ledgerTotals(): Promise<string> {
  const { rows } = await sandbox.db.query(
    `SELECT m."shopDomain", m."customerId", m.balance, COUNT(e.id) AS n FROM "Member" m LEFT JOIN "LedgerEntry" e ON e."memberId" = m.id GROUP BY m.id ORDER BY m.id`,
  );
  const { rows: redemptions } = await sandbox.db.query(`SELECT id, status FROM "Redemption" ORDER BY id`);
  return JSON.stringify({ rows, redemptions });
}

/** Shopify's proxy query for Alice with `params` appended raw (already encoded), signed over their decoded values. */
function signedQuery(rawExtra: string, identity: Record<string, string> = {}): string {
  const base = new URLSearchParams({
    shop: SHOP,
    logged_in_customer_id: alice.customerId,
    path_prefix: "/apps/loyalist",
    timestamp: String(Math.floor(Date.now() / 1000)),
    ...identity,
  });
  const raw = [base.toString(), rawExtra].filter(Boolean).join("&");
  const signature = proxySignature(new URLSearchParams(raw), TEST_API_SECRET);
  return `${raw}&signature=${signature}`;
}

async function call(path: string, query: string, init: RequestInit = {}) {
  const response = await fetch(`${sandbox.app.url}/proxy/${path}?${query}`, { ...init, signal: AbortSignal.timeout(TIMEOUT_MS) });
  const text = await response.text();
  expect(response.status, `${init.method ?? "GET"} ${path}?${query.slice(0, 200)}: ${text.slice(0, 300)}`).toBeLessThan(500);
  for (const marker of foreignMarkers()) expect(text).not.toContain(marker);
  return { status: response.status, text };
}

const ENDPOINTS: Array<{ path: () => string; method: "GET" | "POST"; body?: () => string }> = [
  { path: () => "member", method: "GET" },
  { path: () => "rewards", method: "GET" },
  { path: () => "program", method: "GET" },
  { path: () => "redemptions", method: "GET" },
  { path: () => "redeem", method: "POST", body: () => JSON.stringify({ rewardId }) },
  { path: () => `redemptions/${bobsRedemption}/cancel`, method: "POST" },
];

beforeAll(async () => {
  sandbox = await startSandbox({ env: { PROXY_RATE_LIMIT_BURST: "100000", PROXY_RATE_LIMIT_PER_SECOND: "10000" } });
  for (const shop of [SHOP, OTHER_SHOP]) {
    await sandbox.install(shop);
    expect((await sandbox.saveProgram(shop, { enabled: "on", pointsPerUnit: "1", awardOn: "paid", pendingDays: "0" })).status).toBe(200);
  }
  await backgroundJobsRunning(sandbox);
  alice = await aMemberWithPoints(sandbox, SHOP, 5000, { email: "alice-hostile@example.com" });
  bob = await aMemberWithPoints(sandbox, SHOP, 5000, { email: "bob-hostile@example.com" });
  stranger = await aMemberWithPoints(sandbox, OTHER_SHOP, 5000, { email: "stranger-hostile@example.com" });
  const form = {
    name: "Five off",
    description: "",
    kind: "amount_off",
    pointsCost: "100",
    "config.valueMinor": "5.00",
    enabled: "on",
    combinesOrder: "off",
    combinesProduct: "on",
    combinesShipping: "on",
    returnPointsOnExpiry: "on",
    codeValidityDays: "30",
  };
  expect((await adminPost(sandbox, { shop: SHOP, path: "/app/rewards/new", routeId: "app.rewards.$id" }, form)).status).toBeLessThan(400);
  const rewards = (await (await sandbox.proxy(SHOP, "rewards", bob.customerId)).json()) as Array<{ id: string }>;
  rewardId = rewards[0].id;
  const redeemed = await sandbox.proxy(SHOP, "redeem", bob.customerId, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ rewardId }),
  });
  expect(redeemed.status).toBe(201);
  const body = (await redeemed.json()) as { redemptionId: string; code: string };
  bobsCode = body.code;
  bobsRedemption = body.redemptionId;
});

afterAll(async () => sandbox?.stop());

describe("identity parameters", () => {
  it("GIVEN any identity parameter repeated, signed over the joined values THEN 400/401 with only an error, on every endpoint, and nothing changes", async () => {
    const before = await ledgerTotals();
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...IDENTITY), fc.constantFrom(...ENDPOINTS), fc.boolean(), async (key, endpoint, sameValue) => {
        const values: Record<(typeof IDENTITY)[number], [string, string]> = {
          shop: [SHOP, sameValue ? SHOP : OTHER_SHOP],
          logged_in_customer_id: [alice.customerId, sameValue ? alice.customerId : bob.customerId],
          timestamp: [String(Math.floor(Date.now() / 1000)), sameValue ? String(Math.floor(Date.now() / 1000)) : "1"],
          path_prefix: ["/apps/loyalist", sameValue ? "/apps/loyalist" : "/apps/other"],
          signature: ["", ""],
        };
        let query: string;
        if (key === "signature") {
          const once = signedQuery("");
          query = `${once}&signature=${once.split("signature=")[1]}`;
        } else {
          // Bob first: a reader that takes the first value would act as him.
          const [mine, theirs] = values[key];
          const params = new URLSearchParams(signedQuery("").replace(/&signature=.*$/, ""));
          params.delete(key);
          params.append(key, theirs);
          params.append(key, mine);
          params.set("signature", proxySignature(params, TEST_API_SECRET));
          query = params.toString();
        }
        const { status, text } = await call(endpoint.path(), query, {
          method: endpoint.method,
          headers: { "Content-Type": "application/json" },
          body: endpoint.body?.(),
        });
        expect([400, 401]).toContain(status);
        expect(Object.keys(JSON.parse(text))).toEqual(["error"]);
        if (key === "logged_in_customer_id" && !sameValue) expect(text).not.toContain(bob.customerId);
      }),
      { numRuns: 60 },
    );
    expect(await ledgerTotals()).toBe(before);
  });

  it("GIVEN customer ids spelled another way (leading zeros, signs, spaces, exponents) THEN 400 and no member data", async () => {
    for (const spelled of [
      `0${bob.customerId}`,
      `+${bob.customerId}`,
      ` ${bob.customerId}`,
      `${bob.customerId} `,
      "1e3",
      "-1",
      `${bob.customerId},${alice.customerId}`,
    ]) {
      const { status, text } = await call("member", signedQuery("", { logged_in_customer_id: spelled }));
      expect([400, 401]).toContain(status);
      expect(Object.keys(JSON.parse(text))).toEqual(["error"]);
    }
  });
});

describe("odd query strings", () => {
  it("GIVEN odd extra parameters (encodings, NUL, empty, very long, repeated) signed for Alice THEN never a 5xx and only Alice's data", async () => {
    const name = fc.constantFrom("locale", "after", "q", "", "%00", "shop%5F", "Shop", "LOGGED_IN_CUSTOMER_ID", "a%5B%5D", "x");
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(name, oddQueryValue), { minLength: 1, maxLength: 4 }),
        fc.constantFrom(...ENDPOINTS.filter((e) => e.method === "GET")),
        async (pairs, endpoint) => {
          const raw = pairs.map(([k, v]) => `${k}=${v}`).join("&");
          const { status, text } = await call(endpoint.path(), signedQuery(raw));
          if (status === 200 && endpoint.path() === "member") expect(JSON.parse(text).customerId).toBe(alice.customerId);
        },
      ),
      { numRuns: 60 },
    );
  });

  it("GIVEN a signed query with NUL in a parameter THEN 400 invalid_request", async () => {
    const { status, text } = await call("member", signedQuery("locale=%00"));
    expect(status).toBe(400);
    expect(JSON.parse(text).error.code).toBe("invalid_request");
  });
});

describe("odd JSON bodies", () => {
  it("GIVEN redeem bodies no reader may take, or of the wrong shape THEN 400 invalid_request and no points spent", async () => {
    const before = await ledgerTotals();
    const wrongShape = fc
      .jsonValue({ maxDepth: 3 })
      .map((v) => JSON.stringify(typeof v === "object" && v !== null && !Array.isArray(v) ? { ...v, rewardId: [rewardId] } : v));
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          refusedJsonText.filter((t) => t.trim() !== ""),
          wrongShape,
        ),
        async (body) => {
          const { status, text } = await call("redeem", signedQuery(""), { method: "POST", headers: { "Content-Type": "application/json" }, body });
          // Past the proxy's 16 KB body limit (the deepest documents) the answer is 413 body_too_large.
          expect([400, 413], text).toContain(status);
          expect(JSON.parse(text).error.code).toBe(status === 413 ? "body_too_large" : "invalid_request");
        },
      ),
      { numRuns: 60 },
    );
    for (const body of ['{"rewardId":"\\u0000"}', '{"rewardId":"\\ud800"}', `{"rewardId":"${rewardId}","x":${"[".repeat(30_000)}${"]".repeat(30_000)}}`]) {
      const { status } = await call("redeem", signedQuery(""), { method: "POST", headers: { "Content-Type": "application/json" }, body });
      expect(status).toBeGreaterThanOrEqual(400);
    }
    expect(await ledgerTotals()).toBe(before);
  });
});

describe("odd headers", () => {
  it("GIVEN odd Content-Type, X-Forwarded-For and Accept-Language headers THEN never a 5xx and only Alice's data", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom("Content-Type", "X-Forwarded-For", "Accept-Language", "Cookie"),
        oddHeaderValue,
        fc.constantFrom(...ENDPOINTS.slice(0, 4)),
        async (header, value, endpoint) => {
          await call(endpoint.path(), signedQuery(""), { headers: { [header]: value } });
        },
      ),
      { numRuns: 30 },
    );
  });
});

describe("afterwards", () => {
  it("the app still answers /healthz and Alice's member view, and Bob's code is still his", async () => {
    expect((await fetch(`${sandbox.app.url}/healthz`, { signal: AbortSignal.timeout(TIMEOUT_MS) })).status).toBe(200);
    const member = await sandbox.proxy(SHOP, "member", alice.customerId);
    expect(member.status).toBe(200);
    expect(await member.json()).toMatchObject({ customerId: alice.customerId, balance: alice.balance });
    const { rows } = await sandbox.db.query<{ status: string }>(`SELECT status FROM "Redemption" WHERE id = $1`, [bobsRedemption]);
    expect(rows[0].status).not.toBe("cancelled");
  });
});
