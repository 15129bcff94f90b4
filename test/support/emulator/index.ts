/** The Shopify emulator: a local stand-in for Shopify where Loyalist touches it (see README.md in this folder). */
export { startEmulator, type Emulator, type EmulatorOptions } from "./emulator";
export { loadAdminSchema, ADMIN_API_VERSION } from "./graphql/schema";
export { signProxyQuery, proxySignature, verifyProxyQuery, type ProxyQueryInput } from "./app-proxy";
export { signWebhookBody } from "./webhooks/sign";
export { createSessionToken, sessionTokenPayload, type SessionTokenPayload } from "./auth/session-token";
export { readAppConfig, webhookUri, type AppConfig } from "./app-config";
export { adminHost } from "./pages/admin-frame";
export { gid, parseGid, toNumericId, nextId } from "./ids";
export type { FaultKind, FaultSpec } from "./faults";
export type { WebhookDelivery, WebhookSendInput, WebhookRawInput } from "./webhooks/sender";
export type { GraphqlLogEntry } from "./graphql/endpoint";
export type { GraphqlResponseBody } from "./graphql/execute";
export type { EmulatorLogger } from "./http";
export type { EmulatorStore, InstallShopInput, ProductInput, LocationInput } from "./store/store";
export type { PlaceOrderInput, RefundOrderInput } from "./store/orders";
export type * from "./store/types";
