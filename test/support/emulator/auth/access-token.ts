/**
 * POST /{shop}/admin/oauth/access_token: token exchange (session token → offline/online access token, optionally
 * expiring), offline-token migration and refresh, as @shopify/shopify-api v15 sends them.
 */
import { verifyJwt } from "./jwt";
import type { EmulatorStore } from "../store/store";
import type { AccessTokenRecord } from "../store/types";

export const TOKEN_EXCHANGE_GRANT = "urn:ietf:params:oauth:grant-type:token-exchange";
export const ID_TOKEN_TYPE = "urn:ietf:params:oauth:token-type:id_token";
export const OFFLINE_TOKEN_TYPE = "urn:shopify:params:oauth:token-type:offline-access-token";
export const ONLINE_TOKEN_TYPE = "urn:shopify:params:oauth:token-type:online-access-token";

const ONLINE_TTL = 86_399;
const EXPIRING_OFFLINE_TTL = 3_600;
const REFRESH_TTL = 7_776_000;

export interface TokenEndpointEnv {
  store: EmulatorStore;
  apiKey: string;
  apiSecret: string;
}
export interface TokenEndpointResult {
  status: number;
  body: Record<string, unknown>;
}

const error = (status: number, code: string, description: string): TokenEndpointResult => ({ status, body: { error: code, error_description: description } });

function offlineResponse(env: TokenEndpointEnv, shop: string, scopes: string[], expiring: boolean, now: number): TokenEndpointResult {
  const token = env.store.tokens.issueAccess({ shop, online: false, scopes, expiresInSeconds: expiring ? EXPIRING_OFFLINE_TTL : null, now });
  const body: Record<string, unknown> = { access_token: token.token, scope: scopes.join(",") };
  if (expiring) {
    const refresh = env.store.tokens.issueRefresh({ shop, scopes, expiresInSeconds: REFRESH_TTL, now });
    Object.assign(body, { expires_in: EXPIRING_OFFLINE_TTL, refresh_token: refresh.token, refresh_token_expires_in: REFRESH_TTL });
  }
  return { status: 200, body };
}

function onlineResponse(env: TokenEndpointEnv, shop: string, scopes: string[], userId: string, now: number): TokenEndpointResult {
  const user = env.store.staff(shop, userId);
  const token: AccessTokenRecord = env.store.tokens.issueAccess({ shop, online: true, userId: user.id, scopes, expiresInSeconds: ONLINE_TTL, now });
  return {
    status: 200,
    body: {
      access_token: token.token,
      scope: scopes.join(","),
      expires_in: ONLINE_TTL,
      associated_user_scope: scopes.join(","),
      associated_user: { ...user },
      session: token.token.slice(-32),
      account_number: 0,
    },
  };
}

function exchangeIdToken(env: TokenEndpointEnv, shop: string, params: Record<string, unknown>, now: number): TokenEndpointResult {
  const check = verifyJwt(String(params.subject_token ?? ""), env.apiSecret, Math.floor(now / 1000));
  if (!check.ok) return error(400, "invalid_subject_token", `The subject token is invalid: ${check.reason}.`);
  const payload = check.payload;
  if (payload.aud !== env.apiKey) return error(400, "invalid_subject_token", "The subject token was issued for another application.");
  if (payload.dest !== `https://${shop}`) return error(400, "invalid_subject_token", "The subject token was issued for another shop.");
  const scopes = env.store.shop(shop).scopes;
  if (params.requested_token_type === OFFLINE_TOKEN_TYPE) return offlineResponse(env, shop, scopes, params.expiring === "1" || params.expiring === true, now);
  if (params.requested_token_type === ONLINE_TOKEN_TYPE) {
    try {
      return onlineResponse(env, shop, scopes, String(payload.sub), now);
    } catch {
      return error(400, "invalid_subject_token", "The subject token's user is not a staff member of this shop.");
    }
  }
  return error(400, "invalid_request", "requested_token_type is missing or unsupported.");
}

/** Answers an access_token request for `shop` (status and JSON body, Shopify's shapes). */
export function handleAccessTokenRequest(env: TokenEndpointEnv, shop: string, params: Record<string, unknown> | null, now: number): TokenEndpointResult {
  if (!params) return error(400, "invalid_request", "The request body could not be parsed.");
  if (params.client_id !== env.apiKey || params.client_secret !== env.apiSecret) {
    return error(401, "invalid_client", "Client authentication failed: the client_id or client_secret is wrong.");
  }
  if (!env.store.hasShop(shop)) return { status: 404, body: { errors: "Not Found" } };
  if (params.grant_type === "refresh_token") {
    const refresh = env.store.tokens.takeRefresh(String(params.refresh_token ?? ""), shop, now);
    return refresh ? offlineResponse(env, shop, refresh.scopes, true, now) : error(400, "invalid_grant", "The refresh token is invalid or expired.");
  }
  if (params.grant_type !== TOKEN_EXCHANGE_GRANT) return error(400, "unsupported_grant_type", `Unsupported grant_type ${String(params.grant_type)}.`);
  if (params.subject_token_type === ID_TOKEN_TYPE) return exchangeIdToken(env, shop, params, now);
  if (params.subject_token_type === OFFLINE_TOKEN_TYPE && params.requested_token_type === OFFLINE_TOKEN_TYPE) {
    const old = env.store.tokens.findAccess(String(params.subject_token ?? ""), shop, now);
    if (!old || old.online) return error(400, "invalid_subject_token", "The offline access token is invalid.");
    return offlineResponse(env, shop, old.scopes, true, now);
  }
  return error(400, "invalid_request", "subject_token_type is missing or unsupported.");
}
