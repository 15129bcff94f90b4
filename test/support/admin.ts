// Short helpers for calling the embedded admin's routes over HTTP with a real session token, as App Bridge's
// fetch does: GET a route's loader data or POST its action (`_data` asks Remix for the JSON answer).
import { BROWSER_USER_AGENT, type Sandbox } from "./sandbox";

/** The Remix route id of a file under app/routes ("app.members.$id"). */
const dataParam = (routeId: string) => `_data=${encodeURIComponent(`routes/${routeId}`)}`;

export type AdminCall = { shop: string; path: string; routeId: string; userId?: number | string };

/** GET a route's loader JSON as a staff member of `shop` (the owner by default). */
export function adminGet(sandbox: Sandbox, { shop, path, routeId, userId }: AdminCall): Promise<Response> {
  const sep = path.includes("?") ? "&" : "?";
  return fetch(`${sandbox.app.url}${path}${sep}${dataParam(routeId)}`, {
    headers: { Authorization: `Bearer ${sandbox.emulator.sessionToken(shop, { userId })}`, "User-Agent": BROWSER_USER_AGENT },
  });
}

/** POST a form to a route's action as a staff member of `shop`. */
export function adminPost(sandbox: Sandbox, { shop, path, routeId, userId }: AdminCall, form: Record<string, string> | URLSearchParams): Promise<Response> {
  const sep = path.includes("?") ? "&" : "?";
  return fetch(`${sandbox.app.url}${path}${sep}${dataParam(routeId)}`, {
    method: "POST",
    headers: {
      Authorization: `Bearer ${sandbox.emulator.sessionToken(shop, { userId })}`,
      "Content-Type": "application/x-www-form-urlencoded",
      "User-Agent": BROWSER_USER_AGENT,
    },
    body: new URLSearchParams(form).toString(),
  });
}

/** A member of `shop` with `points`, created the way shoppers join: a paid order at 1 point per unit. */
export async function aMemberWithPoints(sandbox: Sandbox, shop: string, points: number, who: { email?: string; firstName?: string; lastName?: string } = {}) {
  const customer = sandbox.emulator.store.addCustomer(shop, {
    email: who.email ?? `m${Math.random().toString(36).slice(2)}@example.com`,
    first_name: who.firstName ?? "Grace",
    last_name: who.lastName ?? "Hopper",
  });
  const product = sandbox.emulator.store.addProduct(shop, { title: "Gift card holder", variants: [{ price: `${points}.00` }] });
  await sandbox.emulator.orders.place(shop, {
    customer,
    lines: [{ productId: product.id, variantId: product.variants[0].id, quantity: 1, price: `${points}.00` }],
  });
  await sandbox.settle(60_000); // generous: the webhook worker runs niced and a busy machine starves it
  const { rows } = await sandbox.db.query<{ id: string; balance: number }>(`SELECT id, balance FROM "Member" WHERE "shopDomain" = $1 AND "customerId" = $2`, [
    shop,
    String(customer.id),
  ]);
  if (!rows[0]) throw new Error(`no member for customer ${customer.id} in ${shop}`);
  return { memberId: rows[0].id, customerId: String(customer.id), email: customer.email as string, balance: rows[0].balance };
}

/** POST a multipart form (a file upload, e.g. the member import) to a route's action as the shop owner. */
export function adminUpload(
  sandbox: Sandbox,
  { shop, path, routeId, userId }: AdminCall,
  fields: Record<string, string>,
  file: { field: string; name: string; text: string },
): Promise<Response> {
  const body = new FormData();
  for (const [key, value] of Object.entries(fields)) body.set(key, value);
  body.set(file.field, new Blob([file.text], { type: "text/csv" }), file.name);
  const sep = path.includes("?") ? "&" : "?";
  return fetch(`${sandbox.app.url}${path}${sep}${dataParam(routeId)}`, {
    method: "POST",
    headers: { Authorization: `Bearer ${sandbox.emulator.sessionToken(shop, { userId })}`, "User-Agent": BROWSER_USER_AGENT },
    body,
  });
}
