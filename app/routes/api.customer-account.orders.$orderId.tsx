// GET /api/customer-account/orders/<order id or gid>: what this order earned the signed-in customer, for the
// order-status block in customer accounts.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { orderPointsAnswer } from "~/surfaces/order-answer.server";
import { customerAccountEndpoint } from "~/surfaces/endpoint.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  return customerAccountEndpoint(request, "GET", (caller, locale) => orderPointsAnswer(caller, params.orderId ?? "", locale));
}

/** Preflights (OPTIONS) reach the action; any other method is refused there. */
export const action = ({ request, params }: ActionFunctionArgs) => loader({ request, params, context: {} });
