/** Shopify session tokens (App Bridge id tokens): HS256 JWTs signed with the app's API secret. */
import { createHash, randomBytes, randomUUID } from "node:crypto";
import { signJwt } from "./jwt";

export interface SessionTokenInput {
  shop: string;
  apiKey: string;
  apiSecret: string;
  userId: number | string;
  sid?: string;
  now?: Date;
  ttlSeconds?: number;
}

export interface SessionTokenPayload {
  iss: string;
  dest: string;
  aud: string;
  sub: string;
  exp: number;
  nbf: number;
  iat: number;
  jti: string;
  sid: string;
  sig: string;
}

/** The payload of a session token for `shop` and a staff user, as Shopify issues it (valid 60 s, nbf 5 s back for clock skew). */
export function sessionTokenPayload(input: Omit<SessionTokenInput, "apiSecret">): SessionTokenPayload {
  const iat = Math.floor((input.now ?? new Date()).getTime() / 1000);
  const jti = randomUUID();
  return {
    iss: `https://${input.shop}/admin`,
    dest: `https://${input.shop}`,
    aud: input.apiKey,
    sub: String(input.userId),
    exp: iat + (input.ttlSeconds ?? 60),
    nbf: iat - 5,
    iat,
    jti,
    sid: input.sid ?? randomBytes(16).toString("hex"),
    sig: createHash("sha256").update(jti).digest("hex"),
  };
}

/** A signed session token, accepted by @shopify/shopify-api's decodeSessionToken. */
export function createSessionToken(input: SessionTokenInput): string {
  return signJwt(sessionTokenPayload(input), input.apiSecret);
}
