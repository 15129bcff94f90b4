import { describe, expect, it } from "vitest";
import type { StoredDelivery } from "~/platform/webhooks/deliveries.server";
import { processingSteps } from "~/platform/webhooks/worker.server";

const delivery = (id: number, shopDomain: string, topic: string): StoredDelivery => ({
  id: String(id),
  shopDomain,
  webhookId: `w${id}`,
  topic,
  payload: {},
  attempts: 1,
});

describe("processingSteps", () => {
  it("groups by shop in recorded order, runs of order deliveries together, any other delivery alone", () => {
    const claimed = [
      delivery(12, "a", "orders/paid"),
      delivery(3, "a", "orders/create"),
      delivery(5, "b", "orders/paid"),
      delivery(7, "a", "refunds/create"),
      delivery(9, "a", "orders/updated"),
      delivery(4, "b", "customers/update"),
      delivery(100, "a", "orders/cancelled"),
    ];
    const steps = processingSteps(claimed).map((step) => step.map((d) => `${d.shopDomain}${d.id}`));
    expect(steps).toEqual([["a3"], ["a7"], ["a9", "a12", "a100"], ["b4"], ["b5"]]);
  });

  it("keeps ids beyond 2^53 in their order", () => {
    const steps = processingSteps([
      delivery(0, "a", "orders/paid"),
      { ...delivery(0, "a", "orders/paid"), id: "9007199254740993" },
      { ...delivery(0, "a", "orders/paid"), id: "9007199254740992" },
    ]);
    expect(steps[0].map((d) => d.id)).toEqual(["0", "9007199254740992", "9007199254740993"]);
  });
});
