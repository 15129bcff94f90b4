// One inbox, three ways in (docs/decisions/033): the same webhook delivered by HTTP, as a Google Pub/Sub push
// envelope and as an Amazon EventBridge event relayed from AWS is recorded once (X-Shopify-Webhook-Id); each
// source's proof is checked (HMAC; Google's OIDC token and the payload's HMAC; the relay's token).
import { afterAll, beforeAll, expect, it } from "vitest";
import { anInsightShop, startInsightDb, type InsightDb } from "../support/insight-db";
import { buildOrder } from "../support/shopify-payloads";
import { signWebhookBody } from "../support/emulator/webhooks/sign";
import { eventBridgeEvent, googleOidc, pubSubPushEnvelope, type WebhookWire } from "../support/emulator/webhooks/relays";

const SHOP = "webhook-sources.myshopify.com";
const SECRET = "sources-secret";
const AUDIENCE = "https://loyalist.example/webhooks/pubsub";
const ACCOUNT = "shopify-push@loyalist.iam.gserviceaccount.com";
const RELAY = "relay-token-0123456789";
let db: InsightDb;
let receive: typeof import("~/platform/webhooks/receive.server");
let sources: typeof import("~/platform/webhooks/sources.server");
let prisma: typeof import("~/db.server").default;
const google = googleOidc();
const TOPICS = ["orders/create", "orders/updated"];

beforeAll(async () => {
  Object.assign(process.env, { SHOPIFY_API_KEY: "k", SHOPIFY_API_SECRET: SECRET, SHOPIFY_APP_URL: "https://loyalist.example" });
  db = await startInsightDb();
  await anInsightShop(SHOP);
  receive = await import("~/platform/webhooks/receive.server");
  sources = await import("~/platform/webhooks/sources.server");
  prisma = (await import("~/db.server")).default;
});
afterAll(async () => db?.stop());

function webhook(webhookId: string): WebhookWire {
  const body = JSON.stringify(buildOrder({ lines: [{ productId: 1, price: "10.00", quantity: 1 }] } as never));
  return {
    body,
    headers: {
      "Content-Type": "application/json",
      "X-Shopify-Topic": "orders/create",
      "X-Shopify-Shop-Domain": SHOP,
      "X-Shopify-Webhook-Id": webhookId,
      "X-Shopify-Event-Id": `event-${webhookId}`,
      "X-Shopify-Triggered-At": new Date().toISOString(),
      "X-Shopify-API-Version": "2026-10",
      "X-Shopify-Hmac-SHA256": signWebhookBody(body, SECRET),
    },
  };
}

const request = (headers: Record<string, string>, body: string) => ({
  method: "POST",
  header: (name: string) => Object.entries(headers).find(([k]) => k.toLowerCase() === name)?.[1] ?? null,
  body: Buffer.from(body),
});

const pubsub = () =>
  sources.pubSubPushSource({ audience: AUDIENCE, serviceAccount: ACCOUNT, keys: async () => google.jwks.keys as never, secret: () => SECRET });
const eventbridge = () => sources.eventBridgeRelaySource({ relayToken: RELAY });
const pushRequest = (w: WebhookWire, token = google.token({ aud: AUDIENCE, email: ACCOUNT })) =>
  request({ Authorization: `Bearer ${token}`, "Content-Type": "application/json" }, JSON.stringify(pubSubPushEnvelope(w)));
const relayRequest = (body: unknown, token = RELAY) => request({ Authorization: `Bearer ${token}` }, JSON.stringify(body));

const stored = async (webhookId: string) => prisma.webhookDelivery.count({ where: { shopDomain: SHOP, webhookId } });

it("GIVEN one webhook WHEN it arrives by HTTP, as a Pub/Sub push and as a relayed EventBridge event THEN the inbox records it once", async () => {
  const w = webhook("wh-1");
  const http = await receive.receiveWebhook(request(w.headers, w.body), TOPICS);
  expect(http).toMatchObject({ status: 200, body: { received: true, duplicate: false } });
  const viaPubSub = await receive.receiveFrom(pubsub(), pushRequest(w), TOPICS);
  expect(viaPubSub).toMatchObject({ status: 200, body: { duplicate: true } });
  const viaEventBridge = await receive.receiveFrom(eventbridge(), relayRequest(eventBridgeEvent(w)), TOPICS);
  expect(viaEventBridge).toMatchObject({ status: 200, body: { duplicate: true } });
  expect(await stored("wh-1")).toBe(1);
  const row = await prisma.webhookDelivery.findFirstOrThrow({ where: { shopDomain: SHOP, webhookId: "wh-1" } });
  expect(row).toMatchObject({ topic: "orders/create", eventId: "event-wh-1", apiVersion: "2026-10" });
});

it("GIVEN new webhooks WHEN they come only through Pub/Sub or as an EventBridge batch THEN each is recorded once, also when redelivered", async () => {
  expect(await receive.receiveFrom(pubsub(), pushRequest(webhook("wh-2")), TOPICS)).toMatchObject({ status: 200, body: { duplicate: false } });
  const batch = { events: [eventBridgeEvent(webhook("wh-3")), eventBridgeEvent(webhook("wh-4"))] };
  const first = await receive.receiveFrom(eventbridge(), relayRequest(batch), TOPICS);
  expect(first).toMatchObject({ status: 200, body: { deliveries: [{ duplicate: false }, { duplicate: false }] } });
  const again = await receive.receiveFrom(eventbridge(), relayRequest(batch), TOPICS);
  expect(again).toMatchObject({ status: 200, body: { deliveries: [{ duplicate: true }, { duplicate: true }] } });
  expect([await stored("wh-2"), await stored("wh-3"), await stored("wh-4")]).toEqual([1, 1, 1]);
});

it("GIVEN a Pub/Sub push without Google's token, with another audience, account, key, an expired token or a forged payload THEN it is refused with 401 and nothing is recorded", async () => {
  const w = webhook("wh-5");
  const other = googleOidc("emulator-key-1");
  const cases: Array<[ReturnType<typeof request>, string]> = [
    [request({}, JSON.stringify(pubSubPushEnvelope(w))), "missing_token"],
    [pushRequest(w, google.token({ aud: "https://elsewhere.example", email: ACCOUNT })), "invalid_token"],
    [pushRequest(w, google.token({ aud: AUDIENCE, email: "someone@else.iam.gserviceaccount.com" })), "invalid_token"],
    [pushRequest(w, google.token({ aud: AUDIENCE, email: ACCOUNT, expiresInSeconds: -600 })), "invalid_token"],
    [pushRequest(w, google.token({ aud: AUDIENCE, email: ACCOUNT, iss: "https://evil.example" })), "invalid_token"],
    [pushRequest(w, other.token({ aud: AUDIENCE, email: ACCOUNT })), "invalid_token"],
    [pushRequest({ ...w, body: w.body.replace("10.00", "99.00") }), "invalid_hmac"],
  ];
  for (const [req, code] of cases) {
    const answer = await receive.receiveFrom(pubsub(), req, TOPICS);
    expect(answer.status, code).toBe(401);
    expect(answer.body).toMatchObject({ error: { code } });
  }
  expect(await stored("wh-5")).toBe(0);
});

it("GIVEN an EventBridge relay without the token or with something that is not a Shopify event THEN it is refused and nothing is recorded", async () => {
  const event = eventBridgeEvent(webhook("wh-6"));
  expect(await receive.receiveFrom(eventbridge(), relayRequest(event, "wrong-token-0123456789"), TOPICS)).toMatchObject({ status: 401 });
  expect(await receive.receiveFrom(eventbridge(), relayRequest({ ...event, "detail-type": "somethingElse" }), TOPICS)).toMatchObject({ status: 400 });
  const wrongTopic = eventBridgeEvent({ ...webhook("wh-6"), headers: { ...webhook("wh-6").headers, "X-Shopify-Topic": "products/create" } });
  expect(await receive.receiveFrom(eventbridge(), relayRequest(wrongTopic), TOPICS)).toMatchObject({
    status: 400,
    body: { error: { code: "unexpected_topic" } },
  });
  expect(await stored("wh-6")).toBe(0);
});
