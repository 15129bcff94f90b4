// Session tokens as Shopify's extension hosts issue them: HS256 JWTs signed with the app's secret
// (SHOPIFY_API_SECRET), with iss/dest/aud/sub/exp/nbf/iat/jti/sid. Customer accounts and checkout name the
// customer in `sub` (a Customer gid, only when signed in); POS names the authenticated user (a numeric id, only
// when that user's role grants the app).
import { randomBytes, randomUUID } from "node:crypto";
import { signJwt } from "../emulator/auth/jwt";

export type ExtensionTokenInput = {
  surface: "customer-account" | "checkout" | "pos";
  shop: string;
  apiKey: string;
  secret: string;
  /** The customer (customer accounts, checkout) or staff user (POS); null: no `sub` claim. */
  subject: string | number | null;
  now?: Date;
  ttlSeconds?: number;
};

const ISSUER_PATH = { "customer-account": "/account", checkout: "/checkouts", pos: "/admin" } as const;

/** The claims Shopify puts in an extension's session token. */
export function extensionTokenClaims(input: Omit<ExtensionTokenInput, "secret">): Record<string, string | number> {
  const iat = Math.floor((input.now ?? new Date()).getTime() / 1000);
  const claims: Record<string, string | number> = {
    iss: `https://${input.shop}${ISSUER_PATH[input.surface]}`,
    // Checkout tokens carry the bare shop domain, the others its URL.
    dest: input.surface === "checkout" ? input.shop : `https://${input.shop}`,
    aud: input.apiKey,
    exp: iat + (input.ttlSeconds ?? 300),
    nbf: iat - 5,
    iat,
    jti: randomUUID(),
    sid: randomBytes(16).toString("hex"),
  };
  if (input.subject !== null) claims.sub = input.surface === "pos" ? String(input.subject) : `gid://shopify/Customer/${input.subject}`;
  return claims;
}

/** A signed extension session token, as `shopify.sessionToken.get()` (or POS's `shopify.session.getSessionToken()`) returns it. */
export function extensionToken(input: ExtensionTokenInput): string {
  return signJwt(extensionTokenClaims(input), input.secret);
}
