// POST /app/sync-orders: re-read the shop's recent orders from Shopify now (repairs missed webhooks).
import type { ActionFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { z } from "zod";
import { authenticate } from "~/shopify.server";
import { readFormFields } from "~/platform/form-body.server";
import { reconcileRecentOrders } from "~/earning/orders-sync.server";

// Strict: a body with anything but `days` is not this form (422), rather than a sync run with the default.
const formSchema = z.object({ days: z.coerce.number().int().min(1).max(60).default(3) }).strict();

export async function action({ request }: ActionFunctionArgs) {
  const { session } = await authenticate.admin(request);
  const parsed = formSchema.safeParse(await readFormFields(request));
  if (!parsed.success) return json({ ok: false, fieldErrors: parsed.error.flatten().fieldErrors }, { status: 422 });
  const result = await reconcileRecentOrders(session.shop, new Date(Date.now() - parsed.data.days * 86_400_000));
  return json({ ok: true, ...result });
}
