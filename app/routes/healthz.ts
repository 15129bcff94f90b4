// GET /healthz: 200 once the app accepts traffic and its database answers, with the webhook backlog.
import { pendingDeliveryCount } from "~/platform/webhooks/deliveries.server";

export async function loader() {
  const headers = { "Content-Type": "application/json", "Cache-Control": "no-store" };
  try {
    const pendingWebhooks = await pendingDeliveryCount();
    return new Response(JSON.stringify({ ok: true, pendingWebhooks }), { headers });
  } catch {
    return new Response(JSON.stringify({ ok: false, error: "database_unavailable" }), { status: 503, headers });
  }
}
