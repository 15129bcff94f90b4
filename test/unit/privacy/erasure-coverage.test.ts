// Privacy by structure: walks the Prisma schema so a new model cannot be forgotten by shop/redact or
// customers/redact. (The database side, that each key to Shop really cascades, is checked on PostgreSQL
// in test/integration/privacy-lifecycle.test.ts.)
import { Prisma } from "@prisma/client";
import { describe, expect, it } from "vitest";
import { PRIVACY_HOOKS } from "~/privacy/registry.server";

const models = Prisma.dmmf.datamodel.models;
const SHOP_COLUMNS = ["shopDomain", "shop"];

const shopColumnOf = (model: (typeof models)[number]) => model.fields.find((f) => f.kind === "scalar" && SHOP_COLUMNS.includes(f.name))?.name;
const relatesToShop = (model: (typeof models)[number]) => model.fields.some((f) => f.kind === "object" && f.type === "Shop");

describe("GIVEN every model of prisma/schema.prisma", () => {
  it("WHEN a model holds a shop column THEN it has a relation to Shop or a shop-erasure hook", () => {
    const hooked = new Set(PRIVACY_HOOKS.flatMap((h) => (h.eraseShop ? (h.shopModels ?? []) : [])));
    const forgotten = models.filter((m) => m.name !== "Shop" && shopColumnOf(m) && !relatesToShop(m) && !hooked.has(m.name)).map((m) => m.name);
    expect(forgotten).toEqual([]);
    // The registry must not only claim it: the models with a hook are exactly the ones without a relation.
    expect([...hooked].sort()).toEqual(
      models
        .filter((m) => shopColumnOf(m) && !relatesToShop(m))
        .map((m) => m.name)
        .sort(),
    );
  });

  it("WHEN customers/redact runs THEN each model is scrubbed by exactly one capability's hook or declared free of personal data", () => {
    const claims = new Map<string, string[]>();
    for (const hooks of PRIVACY_HOOKS) {
      if (hooks.customerModels?.length) expect(hooks.redactCustomer, `${hooks.capability} lists models but has no hook`).toBeTypeOf("function");
      for (const name of [...(hooks.customerModels ?? []), ...Object.keys(hooks.piiFree ?? {})])
        claims.set(name, [...(claims.get(name) ?? []), hooks.capability]);
    }
    const uncovered = models.filter((m) => !claims.has(m.name)).map((m) => m.name);
    const twice = [...claims].filter(([, by]) => by.length > 1);
    const unknown = [...claims.keys()].filter((name) => !models.some((m) => m.name === name));
    expect({ uncovered, twice, unknown }).toEqual({ uncovered: [], twice: [], unknown: [] });
  });
});
