// Who is calling from a UI extension: customer accounts, the thank-you page and Shopify POS send Shopify's session
// token as a bearer. The library verifies it (`authenticate.public.customerAccount` / `.checkout` / `.pos`: HS256
// with the app secret, exp/nbf); here the verified claims become a shop (`dest`) with Loyalist installed and a
// customer (`sub`, customer accounts) or a staff user (`sub`, POS). Every refusal is a JSON error with CORS
// headers, so the extension can read it, and carries no data.
import { authenticate } from "~/shopify.server";
import { errorResponse } from "~/platform/http.server";
import { shopStatus } from "~/shops/shops.server";
import { logger } from "~/platform/logger.server";

type Claims = { dest?: unknown; sub?: unknown };
type Cors = (response: Response) => Response;

export type CustomerAccountCaller = { shop: string; customerId: string | null; cors: Cors };
export type PosCaller = { shop: string; staffUserId: string; cors: Cors };

/** CORS headers for answers the library's `cors` helper never sees (refusals): extensions run on Shopify's origin. */
export function refusalWithCors(response: Response): Response {
  response.headers.set("Access-Control-Allow-Origin", "*");
  response.headers.set("Access-Control-Allow-Headers", "Authorization, Content-Type");
  return response;
}

/** The shop a verified `dest` names: "https://shop.myshopify.com" (customer accounts, POS) or the bare domain (checkout). */
export function shopOfDest(dest: unknown): string | null {
  if (typeof dest !== "string") return null;
  let host: string;
  try {
    host = dest.includes("://") ? new URL(dest).hostname : dest;
  } catch {
    return null;
  }
  host = host.toLowerCase();
  return /^[a-z0-9][a-z0-9-]*\.myshopify\.com$/.test(host) ? host : null;
}

/** The numeric id a `sub` names ("gid://shopify/Customer/42" or "42"), else null. */
export function numericIdOf(sub: unknown, type: string): string | null {
  if (typeof sub !== "string") return null;
  const match = new RegExp(`^(?:gid://shopify/${type}/)?([1-9]\\d{0,19})$`).exec(sub);
  return match ? match[1] : null;
}

const unauthenticated = () => refusalWithCors(errorResponse(401, "unauthenticated", "The session token is not valid for an installed shop"));

async function verify(
  request: Request,
  library: (request: Request) => Promise<{ sessionToken: Claims; cors: Cors }>,
): Promise<{ shop: string; claims: Claims; cors: Cors }> {
  let verified: { sessionToken: Claims; cors: Cors };
  try {
    verified = await library(request);
  } catch (thrown) {
    // The library answers a preflight with 204 and CORS headers: pass it on. Anything else is a refusal.
    if (thrown instanceof Response && thrown.status === 204) throw thrown;
    if (!(thrown instanceof Response)) throw thrown;
    throw unauthenticated();
  }
  const shop = shopOfDest(verified.sessionToken.dest);
  if (!shop || (await shopStatus(shop)) !== "installed") {
    logger.info({ shop }, "extension token for a shop without Loyalist installed");
    throw unauthenticated();
  }
  return { shop, claims: verified.sessionToken, cors: verified.cors };
}

/**
 * A customer-account (or thank-you page) request: the shop from `dest`, the signed-in customer from `sub` (null when
 * the buyer is not signed in or the app may not read customers).
 */
export async function authenticateCustomerAccount(
  request: Request,
  surface: "customer-account" | "checkout" = "customer-account",
): Promise<CustomerAccountCaller> {
  const library = surface === "checkout" ? authenticate.public.checkout : authenticate.public.customerAccount;
  const { shop, claims, cors } = await verify(request, library as (request: Request) => Promise<{ sessionToken: Claims; cors: Cors }>);
  return { shop, customerId: numericIdOf(claims.sub, "Customer"), cors };
}

/**
 * A POS request from a staff user with Loyalist's permission. Shopify POS issues a session token only to a user
 * whose role grants the Loyalist app (Settings → Users → the role's Apps); the token then names that user in `sub`.
 * A verified token naming no user is refused with 403 `staff_not_permitted`.
 */
export async function authenticatePos(request: Request): Promise<PosCaller> {
  const { shop, claims, cors } = await verify(request, authenticate.public.pos as (request: Request) => Promise<{ sessionToken: Claims; cors: Cors }>);
  const staffUserId = numericIdOf(claims.sub, "StaffMember");
  if (!staffUserId) throw refusalWithCors(errorResponse(403, "staff_not_permitted", "This staff account does not have the Loyalist app permission"));
  return { shop, staffUserId, cors };
}
