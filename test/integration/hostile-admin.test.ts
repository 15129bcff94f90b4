// Hostile input at the embedded admin of the built app on real PostgreSQL, with real session tokens: form
// fields and query strings with NUL and odd encodings, JSON and broken bodies posted to form actions, odd
// path ids and cursors, another shop's ids. Never a 5xx or a hang, never another shop's data, and no
// ledger change from a refused request.
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSandbox, BROWSER_USER_AGENT, type Sandbox } from "../support/sandbox";
import { adminGet, aMemberWithPoints } from "../support/admin";
import { anyCodeUnits, backgroundJobsRunning, oddQueryValue, refusedJsonText } from "../support/hostile";

const SHOP = "hostile-admin.myshopify.com";
const OTHER = "hostile-admin-other.myshopify.com";
const TIMEOUT_MS = 10_000;

let sandbox: Sandbox;
let mine: Awaited<ReturnType<typeof aMemberWithPoints>>;
let theirs: Awaited<ReturnType<typeof aMemberWithPoints>>;

const ACTIONS = [
  { path: "/app?index", routeId: "app._index", form: { intent: "program", enabled: "on", pointsPerUnit: "1", awardOn: "paid", pendingDays: "0" } },
  { path: "/app/settings", routeId: "app.settings", form: { enabled: "on", name: "Rewards", pointsPerUnit: "1", awardOn: "paid", pendingDays: "0" } },
  {
    path: "/app/members/:mine",
    routeId: "app.members.$id",
    form: { direction: "add", points: "5", reason: "goodwill", reasonText: "", note: "hi", submissionId: "s" },
  },
  {
    path: "/app/rewards/new",
    routeId: "app.rewards.$id",
    form: { name: "Five off", kind: "amount_off", pointsCost: "100", "config.valueMinor": "5.00", codeValidityDays: "30" },
  },
  { path: "/app/rewards?index", routeId: "app.rewards._index", form: { id: "x" } },
  { path: "/app/redemptions", routeId: "app.redemptions", form: { id: "x", intent: "return" } },
  { path: "/app/fulfilment", routeId: "app.fulfilment", form: { id: "x", intent: "cancel" } },
  { path: "/app/donations", routeId: "app.donations", form: { intent: "cause", name: "Trees" } },
  { path: "/app/sync-orders", routeId: "app.sync-orders", form: { days: "2" } },
  { path: "/app/import", routeId: "app.import", form: { intent: "commit", id: "x" } },
];

const LOADERS = [
  { path: "/app/members", routeId: "app.members._index" },
  { path: "/app/members/:mine", routeId: "app.members.$id" },
  { path: "/app/activity", routeId: "app.activity" },
  { path: "/app/redemptions", routeId: "app.redemptions" },
  { path: "/app/fulfilment", routeId: "app.fulfilment" },
  { path: "/app/import", routeId: "app.import" },
];

const withIds = (path: string) => path.replace(":mine", mine.memberId);

/** Strings of the other shop: none may appear in an answer to this shop's staff. */
const foreign = () => [theirs.email, theirs.memberId, OTHER];

async function ledger(): Promise<string> {
  const { rows } = await sandbox.db.query(
    `SELECT m.id, m.balance, COUNT(e.id) AS n FROM "Member" m LEFT JOIN "LedgerEntry" e ON e."memberId" = m.id GROUP BY m.id ORDER BY m.id`,
  );
  return JSON.stringify(rows);
}

/** POSTs a raw body to an admin action as the shop's owner; a 5xx or no answer fails at once. */
async function post(path: string, routeId: string, body: string | FormData, contentType?: string) {
  const sep = path.includes("?") ? "&" : "?";
  const response = await fetch(`${sandbox.app.url}${withIds(path)}${sep}_data=${encodeURIComponent(`routes/${routeId}`)}`, {
    method: "POST",
    headers: {
      Authorization: `Bearer ${sandbox.emulator.sessionToken(SHOP)}`,
      "User-Agent": BROWSER_USER_AGENT,
      ...(contentType ? { "Content-Type": contentType } : {}),
    },
    body,
    signal: AbortSignal.timeout(TIMEOUT_MS),
  });
  const text = await response.text();
  expect(response.status, `POST ${path}: ${text.slice(0, 300)}`).toBeLessThan(500);
  for (const marker of foreign()) expect(text).not.toContain(marker);
  return { status: response.status, text };
}

async function get(rawPath: string, routeId: string) {
  const response = await adminGet(sandbox, { shop: SHOP, path: rawPath, routeId });
  const text = await response.text();
  expect(response.status, `GET ${rawPath.slice(0, 200)}: ${text.slice(0, 300)}`).toBeLessThan(500);
  for (const marker of foreign()) expect(text).not.toContain(marker);
  return { status: response.status, text };
}

beforeAll(async () => {
  sandbox = await startSandbox();
  for (const shop of [SHOP, OTHER]) {
    await sandbox.install(shop);
    expect((await sandbox.saveProgram(shop, { enabled: "on", pointsPerUnit: "1", awardOn: "paid", pendingDays: "0" })).status).toBe(200);
  }
  await backgroundJobsRunning(sandbox);
  mine = await aMemberWithPoints(sandbox, SHOP, 300, { email: "mine-hostile@example.com" });
  theirs = await aMemberWithPoints(sandbox, OTHER, 300, { email: "theirs-hostile@example.com" });
});

afterAll(async () => sandbox?.stop());

describe("form fields", () => {
  /** Percent-encodes by hand: URLSearchParams would turn a lone surrogate into U+FFFD before it left. */
  const encode = (s: string) =>
    [...s].map((ch) => (ch === "\u0000" ? "%00" : /[\ud800-\udfff]/.test(ch) ? `%${ch.charCodeAt(0).toString(16)}` : encodeURIComponent(ch))).join("");
  const formBody = (fields: Array<[string, string]>, key: string, value: string, inName: boolean) =>
    fields
      .map(([k, v]) =>
        k !== key
          ? `${encodeURIComponent(k)}=${encodeURIComponent(v)}`
          : inName
            ? `${encode(value)}=${encodeURIComponent(v)}`
            : `${encodeURIComponent(k)}=${encode(value)}`,
      )
      .join("&");

  it("GIVEN any action's form with a NUL in a field's value or name THEN 400 invalid_request and nothing changes", async () => {
    const before = await ledger();
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...ACTIONS), anyCodeUnits, fc.nat(), fc.boolean(), async (action, text, which, inName) => {
        const fields = Object.entries(action.form);
        const [key, value] = fields[which % fields.length];
        const spoiled = inName ? `${key}\u0000${text}` : `${value}\u0000${text}`;
        const { status, text: answer } = await post(action.path, action.routeId, formBody(fields, key, spoiled, inName), "application/x-www-form-urlencoded");
        expect(status, answer).toBe(400);
        expect(JSON.parse(answer).error.code).toBe("invalid_request");
      }),
      { numRuns: 40 },
    );
    expect(await ledger()).toBe(before);
  });

  it("GIVEN any action's form with odd code units (lone surrogates, controls, RTL, emoji) in a field THEN never a 5xx", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...ACTIONS),
        anyCodeUnits.filter((t) => !t.includes("\u0000")),
        fc.nat(),
        async (action, text, which) => {
          const fields = Object.entries(action.form);
          const [key, value] = fields[which % fields.length];
          await post(action.path, action.routeId, formBody(fields, key, `${value}${text}`, false), "application/x-www-form-urlencoded");
        },
      ),
      { numRuns: 40 },
    );
  });

  it("GIVEN a multipart form with NUL in a field or a file name THEN 400 invalid_request", async () => {
    for (const action of ACTIONS) {
      const form = new FormData();
      for (const [k, v] of Object.entries(action.form)) form.append(k, `${v}\u0000`);
      const { status } = await post(action.path, action.routeId, form);
      expect(status).toBe(400);
    }
    const upload = new FormData();
    upload.append("intent", "preview");
    upload.append("file", new Blob(["email,points\na@example.com,5\n"], { type: "text/csv" }), "members\u0000.csv");
    expect((await post("/app/import", "app.import", upload)).status).toBe(400);
  });

  it("GIVEN JSON or broken bodies posted to form actions THEN a 4xx, never a 5xx, and the ledger unchanged", async () => {
    const before = await ledger();
    const contentType = fc.constantFrom(
      "application/json",
      "application/x-www-form-urlencoded",
      "multipart/form-data; boundary=x",
      "multipart/form-data",
      "text/plain",
      "",
    );
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...ACTIONS),
        refusedJsonText.filter((t) => t.length < 200_000),
        contentType,
        async (action, body, type) => {
          const { status } = await post(action.path, action.routeId, body, type || undefined);
          expect(status).toBeGreaterThanOrEqual(400);
        },
      ),
      { numRuns: 40 },
    );
    expect(await ledger()).toBe(before);
  });
});

describe("query strings, ids and cursors", () => {
  it("GIVEN odd query parameters on every loader THEN never a 5xx and no other shop's data", async () => {
    const name = fc.constantFrom("q", "sort", "activity", "after", "before", "status", "id", "action", "actor", "from", "to", "%00", "");
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...LOADERS), fc.array(fc.tuple(name, oddQueryValue), { minLength: 1, maxLength: 3 }), async (loader, pairs) => {
        const query = pairs.map(([k, v]) => `${k}=${v}`).join("&");
        await get(`${withIds(loader.path)}?${query}`, loader.routeId);
      }),
      { numRuns: 50 },
    );
  });

  it("GIVEN NUL in a query parameter THEN 400 invalid_request", async () => {
    const { status, text } = await get("/app/members?q=%00", "app.members._index");
    expect(status).toBe(400);
    expect(JSON.parse(text).error.code).toBe("invalid_request");
  });

  it("GIVEN tampered keyset cursors THEN never a 5xx", async () => {
    const cursor = fc.oneof(
      fc.jsonValue({ maxDepth: 2 }).map((v) => Buffer.from(JSON.stringify(v)).toString("base64url")),
      fc
        .tuple(
          fc.oneof(fc.string(), fc.double(), fc.constantFrom("\u0000", "not a date", "+275760-09-13T00:00:00Z", 1e308, -1e20)),
          fc.oneof(fc.string(), fc.constant("\u0000")),
        )
        .map((pair) => Buffer.from(JSON.stringify(pair)).toString("base64url")),
      fc.constantFrom(Buffer.from('["\\ud800","x"]').toString("base64url"), "%%%", "AAAA"),
    );
    await fc.assert(
      fc.asyncProperty(cursor, fc.constantFrom("after", "before"), fc.constantFrom("balance", "lastActivity", "created", ""), async (c, param, sort) => {
        await get(`/app/members?${param}=${c}&sort=${sort}`, "app.members._index");
        await get(`/app/activity?after=${c}`, "app.activity");
        await get(`/app/members/${mine.memberId}?after=${c}`, "app.members.$id");
      }),
      { numRuns: 30 },
    );
  });

  it("GIVEN odd or foreign ids in the path THEN 400/404 and no other shop's data", async () => {
    for (const id of ["%00", "%ED%A0%80", "%zz", "a".repeat(3000), "..%2F..%2Fhealthz", theirs.memberId, encodeURIComponent("' OR 1=1 --")]) {
      const member = await get(`/app/members/${id}`, "app.members.$id");
      expect([400, 404]).toContain(member.status);
      const reward = await get(`/app/rewards/${id}`, "app.rewards.$id");
      expect([400, 404]).toContain(reward.status);
      const errors = await get(`/app/import/${id}/errors`, "app.import.$id.errors");
      expect([400, 404]).toContain(errors.status);
    }
  });
});

describe("afterwards", () => {
  it("the app still answers /healthz and a normal admin request", async () => {
    expect((await fetch(`${sandbox.app.url}/healthz`, { signal: AbortSignal.timeout(TIMEOUT_MS) })).status).toBe(200);
    const member = await get(`/app/members/${mine.memberId}`, "app.members.$id");
    expect(member.status).toBe(200);
    expect(member.text).toContain(mine.email);
  });
});
