// The storefront's side of the app: the earning rule published to an app-data metafield (and a save that
// survives Shopify failing), app-proxy caching headers, and the per-shopper rate limit with a clear 429.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSandbox, type Sandbox } from "../support/sandbox";

const SHOP = "storefront-proxy.myshopify.com";
let sandbox: Sandbox;

const programMetafield = () => sandbox.emulator.store.metafields(SHOP).find((m) => m.namespace === "loyalist" && m.key === "program");

beforeAll(async () => {
  sandbox = await startSandbox({ env: { PROXY_RATE_LIMIT_BURST: "5", PROXY_RATE_LIMIT_PER_SECOND: "0.5" } });
  await sandbox.install(SHOP);
});

afterAll(async () => {
  await sandbox?.stop();
});

describe("program metafield", () => {
  it("is written at install, owned by the app installation, and rewritten when the rule changes", async () => {
    // GIVEN the install wrote the default (switched off) program
    expect(programMetafield()).toMatchObject({ ownerType: "API_PERMISSION", type: "json" });
    expect(programMetafield()!.ownerId).toMatch(/^gid:\/\/shopify\/AppInstallation\//);
    expect(JSON.parse(programMetafield()!.value)).toMatchObject({ enabled: false });

    // WHEN the merchant turns the program on at 3 points per dollar
    const saved = await sandbox.saveProgram(SHOP, { enabled: "on", pointsPerUnit: "3", awardOn: "paid", pendingDays: "0" });
    expect(saved.status).toBe(200);

    // THEN the storefront copy says so (what the "Earn N points" block reads)
    expect(JSON.parse(programMetafield()!.value)).toEqual({
      enabled: true,
      name: "Rewards",
      currency: "USD",
      pointsPerUnit: 3,
      minimumOrderMinor: 0,
      minimumOrderCents: 0,
      excludedProductIds: [],
      excludedCollectionIds: [],
      excludedProductTags: [],
    });
  });

  it("never fails a save when Shopify does not take the metafield", async () => {
    sandbox.emulator.faults.inject({ operation: "metafieldsSet", kind: "http500", times: 10 });
    const saved = await sandbox.saveProgram(SHOP, { enabled: "on", pointsPerUnit: "4", awardOn: "paid", pendingDays: "0" });
    sandbox.emulator.faults.clear();
    expect(saved.status).toBe(200);
    const { rows } = await sandbox.db.query<{ program: { earning: { pointsPerUnit: number } } }>(`SELECT program FROM "Shop" WHERE domain = $1`, [SHOP]);
    expect(rows[0].program.earning.pointsPerUnit).toBe(4);
    expect(JSON.parse(programMetafield()!.value).pointsPerUnit).toBe(3); // the previous copy stays until the next save
  });
});

describe("app proxy", () => {
  it("keeps member data out of caches and lets public program data be cached for a minute", async () => {
    const member = await sandbox.proxy(SHOP, "member", 4242);
    expect(member.headers.get("cache-control")).toBe("private, no-store");
    const program = await sandbox.proxy(SHOP, "program", null);
    expect(program.status).toBe(200);
    expect(program.headers.get("cache-control")).toBe("public, max-age=60");
    await expect(program.json()).resolves.toMatchObject({ enabled: true, currency: "USD", earning: { pointsPerUnit: 4 } });
  });

  it("answers 429 rate_limited with Retry-After once a shopper is over the limit, without affecting other shoppers", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await sandbox.proxy(SHOP, "member", 777)).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200]);
    const limited = await sandbox.proxy(SHOP, "member", 777);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    await expect(limited.json()).resolves.toMatchObject({ error: { code: "rate_limited" } });
    expect((await sandbox.proxy(SHOP, "member", 778)).status).toBe(200);
  });

  it("limits guests by their IP address", async () => {
    const from = (ip: string) => sandbox.proxy(SHOP, "program", null, { headers: { "X-Forwarded-For": ip } });
    for (let i = 0; i < 5; i++) expect((await from("203.0.113.7")).status).toBe(200);
    expect((await from("203.0.113.7")).status).toBe(429);
    expect((await from("203.0.113.8")).status).toBe(200);
  });
});
