// GET /api/checkout/orders/<order id or gid>: what this order earned the signed-in buyer, for the thank-you block
// (a checkout session token).
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { orderPointsAnswer } from "~/surfaces/order-answer.server";
import { checkoutEndpoint } from "~/surfaces/endpoint.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  return checkoutEndpoint(request, "GET", (caller, locale) => orderPointsAnswer(caller, params.orderId ?? "", locale));
}

/** Preflights (OPTIONS) reach the action; any other method is refused there. */
export const action = ({ request, params }: ActionFunctionArgs) => loader({ request, params, context: {} });
