// The Flow extensions in extensions/ are what the app sends: one trigger per program event with the same
// fields as app/notifications/flow.ts, keys as Shopify's CLI accepts them, and the action's fields as the endpoint reads them.
import { describe, expect, it } from "vitest";
import { PROGRAM_EVENT_TYPES } from "~/notifications/events";
import { TRIGGERS } from "~/notifications/flow";
import { addPointsActionSchema, setTierActionSchema } from "~/notifications/flow-requests";
import { readFlowExtensions } from "../../support/emulator/flow-extensions";

const extensions = readFlowExtensions();

describe("Flow extensions", () => {
  it("GIVEN every program event type WHEN the extensions are read THEN each has its trigger, with exactly the fields the app sends", () => {
    for (const type of PROGRAM_EVENT_TYPES) {
      const spec = TRIGGERS[type];
      const extension = extensions.find((e) => e.type === "flow_trigger" && e.handle === spec.handle);
      expect(extension, spec.handle).toBeDefined();
      expect(extension!.name).toBe(spec.name);
      expect(extension!.fields).toEqual([{ key: "customer_id", type: "customer_reference" }, ...spec.fields.map((f) => ({ key: f.key, type: f.type }))]);
      // The CLI's rule for trigger field keys: letters and spaces only.
      for (const field of spec.fields) expect(field.key).toMatch(/^[a-zA-Z\s]+$/);
    }
    expect(extensions.filter((e) => e.type === "flow_trigger")).toHaveLength(PROGRAM_EVENT_TYPES.length);
  });

  it("GIVEN the add points action WHEN read THEN it posts to the app's endpoint with the fields the endpoint parses", () => {
    const action = extensions.find((e) => e.type === "flow_action" && e.handle === "loyalist-add-points")!;
    expect(new URL(action.url!).pathname).toBe("/flow/actions/add-points");
    expect(action.fields.map((f) => f.key).sort()).toEqual(Object.keys(addPointsActionSchema.shape.properties.shape).sort());
  });

  it("GIVEN the set tier action WHEN read THEN it posts to the app's endpoint with the fields the endpoint parses", () => {
    const action = extensions.find((e) => e.type === "flow_action" && e.handle === "loyalist-set-tier")!;
    expect(new URL(action.url!).pathname).toBe("/flow/actions/set-tier");
    expect(action.fields.map((f) => f.key).sort()).toEqual(Object.keys(setTierActionSchema.shape.properties.shape).sort());
  });

  it("GIVEN the lifecycle callback WHEN read THEN it points at the app's lifecycle endpoint", () => {
    const callback = extensions.find((e) => e.type === "flow_trigger_lifecycle_callback")!;
    expect(new URL(callback.url!).pathname).toBe("/flow/lifecycle");
  });
});
