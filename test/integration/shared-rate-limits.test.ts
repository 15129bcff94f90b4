// Rate limits hold across app instances: with REDIS_URL every instance takes from one bucket per shopper; without
// it each instance limits in its own memory (one instance's limit, as before Redis).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startCluster, type Cluster } from "../support/cluster";

const SHOP = "limits.myshopify.com";
// 6 requests per shopper in a 60-second window: no refill during the test.
const LIMITS = { PROXY_RATE_LIMIT_BURST: "6", PROXY_RATE_LIMIT_PER_SECOND: "0.1" };

/** GET /proxy/member on instance `index` directly (not through the proxy), signed for `customerId`. */
async function memberOn(cluster: Cluster, index: number, customerId: number): Promise<number> {
  const query = cluster.emulator.signProxyQuery({ shop: SHOP, customerId: String(customerId) });
  const response = await fetch(`${cluster.instances[index].url}/proxy/member?${query}`);
  await response.arrayBuffer();
  return response.status;
}

async function installed(env: Record<string, string>): Promise<Cluster> {
  const cluster = await startCluster({ env });
  await cluster.install(SHOP);
  await cluster.saveProgram(SHOP, { enabled: "on", pointsPerUnit: "1", awardOn: "paid", pendingDays: "0" });
  return cluster;
}

describe("with REDIS_URL", () => {
  let cluster: Cluster;
  beforeAll(async () => {
    cluster = await installed(LIMITS);
  });
  afterAll(async () => cluster?.stop());

  it("holds one shopper's limit across both instances", async () => {
    // GIVEN a shopper who spends the window's 6 requests, 3 on each instance
    const spent: number[] = [];
    for (let i = 0; i < 6; i++) spent.push(await memberOn(cluster, i % 2, 501));
    expect(spent).toEqual([200, 200, 200, 200, 200, 200]);
    // WHEN they ask either instance again THEN both refuse: the bucket is shared
    expect(await memberOn(cluster, 0, 501)).toBe(429);
    expect(await memberOn(cluster, 1, 501)).toBe(429);
    // AND another shopper is unaffected
    expect(await memberOn(cluster, 1, 502)).toBe(200);
  });

  it("answers Retry-After from the shared window", async () => {
    for (let i = 0; i < 6; i++) await memberOn(cluster, 0, 503);
    const query = cluster.emulator.signProxyQuery({ shop: SHOP, customerId: "503" });
    const limited = await fetch(`${cluster.instances[1].url}/proxy/member?${query}`);
    expect(limited.status).toBe(429);
    const retryAfter = Number(limited.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    await expect(limited.json()).resolves.toMatchObject({ error: { code: "rate_limited" } });
  });
});

describe("without REDIS_URL", () => {
  let cluster: Cluster;
  beforeAll(async () => {
    cluster = await installed({ ...LIMITS, REDIS_URL: "" });
  });
  afterAll(async () => cluster?.stop());

  it("limits in each instance's memory", async () => {
    // GIVEN a shopper who spends 6 requests on instance 0
    for (let i = 0; i < 6; i++) expect(await memberOn(cluster, 0, 601)).toBe(200);
    // THEN instance 0 refuses the 7th, while instance 1, which has its own memory, still has the full window
    expect(await memberOn(cluster, 0, 601)).toBe(429);
    const other: number[] = [];
    for (let i = 0; i < 7; i++) other.push(await memberOn(cluster, 1, 601));
    expect(other).toEqual([200, 200, 200, 200, 200, 200, 429]);
  });
});
