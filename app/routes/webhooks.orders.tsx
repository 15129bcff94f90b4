// POST /webhooks/orders (declared in shopify.app.toml): verify, record, answer; processing follows.
import type { ActionFunctionArgs } from "@remix-run/node";
import { receiveWebhook } from "~/shopify/webhooks/receive.server";

const TOPICS = ["orders/create", "orders/paid", "orders/updated", "orders/fulfilled", "orders/cancelled"] as const;

export const action = ({ request }: ActionFunctionArgs) => receiveWebhook(request, TOPICS);
export const loader = () => new Response("Method not allowed", { status: 405, headers: { Allow: "POST" } });
