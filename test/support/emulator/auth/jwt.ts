/** HS256 JSON Web Tokens with node:crypto (what Shopify uses for session tokens). */
import { createHmac, timingSafeEqual } from "node:crypto";

const base64url = (input: Buffer | string) => Buffer.from(input).toString("base64url");

/** Signs a payload as an HS256 JWT. */
export function signJwt(payload: object, secret: string): string {
  const head = base64url(JSON.stringify({ alg: "HS256", typ: "JWT" }));
  const body = base64url(JSON.stringify(payload));
  const signature = createHmac("sha256", secret).update(`${head}.${body}`).digest("base64url");
  return `${head}.${body}.${signature}`;
}

export type JwtCheck = { ok: true; payload: Record<string, unknown> } | { ok: false; reason: string };

/** Verifies an HS256 JWT's signature and its exp/nbf (with `toleranceSeconds` of clock skew). */
export function verifyJwt(token: string, secret: string, nowSeconds: number, toleranceSeconds = 10): JwtCheck {
  const parts = token.split(".");
  if (parts.length !== 3) return { ok: false, reason: "malformed token" };
  const [head, body, signature] = parts;
  let header: { alg?: string };
  let payload: Record<string, unknown>;
  try {
    header = JSON.parse(Buffer.from(head, "base64url").toString("utf8")) as { alg?: string };
    payload = JSON.parse(Buffer.from(body, "base64url").toString("utf8")) as Record<string, unknown>;
  } catch {
    return { ok: false, reason: "malformed token" };
  }
  if (header.alg !== "HS256") return { ok: false, reason: "unexpected algorithm" };
  const expected = createHmac("sha256", secret).update(`${head}.${body}`).digest();
  const given = Buffer.from(signature, "base64url");
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: "signature verification failed" };
  if (typeof payload.exp === "number" && payload.exp + toleranceSeconds <= nowSeconds) return { ok: false, reason: "token expired" };
  if (typeof payload.nbf === "number" && payload.nbf - toleranceSeconds > nowSeconds) return { ok: false, reason: "token not yet valid" };
  return { ok: true, payload };
}
