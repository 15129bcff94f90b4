// The one Admin API version Loyalist is written and tested against. shopify.app.toml's
// [webhooks] api_version and the emulator's schema must match it (test/unit/api-version.test.ts).
import { ApiVersion } from "@shopify/shopify-api";

export const ADMIN_API_VERSION = ApiVersion.October26;
