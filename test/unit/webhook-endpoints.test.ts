// The app answers on exactly the webhook paths shopify.app.toml declares, and handles every topic there.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { webhookEndpointsFromToml } from "~/platform/webhooks/endpoints.server";
import { PAYLOAD_SCHEMAS } from "~/platform/webhooks/payloads";

const toml = fs.readFileSync(path.resolve(__dirname, "../../shopify.app.toml"), "utf8");

describe("webhook endpoints", () => {
  const endpoints = webhookEndpointsFromToml(toml);

  it("reads every subscription's path and topics, compliance topics included", () => {
    expect(endpoints.get("/webhooks/orders")).toEqual(["orders/create", "orders/paid", "orders/updated", "orders/fulfilled", "orders/cancelled"]);
    expect(endpoints.get("/webhooks/compliance")).toEqual(["customers/data_request", "customers/redact", "shop/redact"]);
  });

  it("has a payload schema for every declared topic and declares every topic it validates", () => {
    const declared = [...endpoints.values()].flat().sort();
    expect(declared).toEqual(Object.keys(PAYLOAD_SCHEMAS).sort());
  });
});
