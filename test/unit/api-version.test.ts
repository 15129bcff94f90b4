// One Admin API version everywhere: the app's constant, shopify.app.toml's webhooks and the schema the
// emulator executes (and the GraphQL documents are validated against).
import fs from "node:fs";
import path from "node:path";
import { parse } from "smol-toml";
import { expect, it } from "vitest";
import { ADMIN_API_VERSION } from "~/platform/shopify/api-version";
import { ADMIN_API_VERSION as EMULATOR_API_VERSION } from "../support/emulator";

it("uses 2026-10 in the app, the toml and the emulator", () => {
  const toml = parse(fs.readFileSync(path.resolve(__dirname, "../../shopify.app.toml"), "utf8")) as { webhooks: { api_version: string } };
  expect(ADMIN_API_VERSION).toBe("2026-10");
  expect(toml.webhooks.api_version).toBe(ADMIN_API_VERSION);
  expect(EMULATOR_API_VERSION).toBe(ADMIN_API_VERSION);
});
