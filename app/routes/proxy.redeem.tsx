// POST <proxy root>/redeem (storefront: /apps/loyalist/redeem): spend points on a reward; answers with the code.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { authenticateAppProxy } from "~/shopify/app-proxy.server";
import { errorResponse, jsonResponse } from "~/lib/http.server";
import { readJsonBody } from "~/lib/json-body.server";
import { redeemReward } from "~/models/redemptions.server";

const NO_STORE = { "Cache-Control": "private, no-store" };

const redeemSchema = z.object({
  rewardId: z.string().min(1).max(100),
  /** points_for_amount: how many points to spend (a multiple of the reward's step). */
  points: z.number().int().positive().max(100_000_000).optional().nullable(),
  /** donation: which cause. */
  causeId: z.string().min(1).max(100).optional().nullable(),
  /** Optional key from the widget: repeating a request with it never redeems twice. */
  idempotencyKey: z.string().min(8).max(100).optional().nullable(),
});

export async function loader({ request }: LoaderFunctionArgs) {
  await authenticateAppProxy(request);
  return errorResponse(405, "method_not_allowed", "POST a JSON body { rewardId } to redeem", { Allow: "POST" });
}

export async function action({ request }: ActionFunctionArgs) {
  const { shop, customerId } = await authenticateAppProxy(request);
  if (request.method !== "POST") return errorResponse(405, "method_not_allowed", "Use POST", { Allow: "POST", ...NO_STORE });
  if (!customerId) return errorResponse(401, "not_signed_in", "Sign in to redeem rewards", NO_STORE);
  const input = await readJsonBody(request, redeemSchema);
  const result = await redeemReward(shop, customerId, input);
  if (!result.ok) return errorResponse(result.status, result.code, result.message, NO_STORE);
  const { redemption, balance } = result;
  return jsonResponse(
    {
      redemptionId: redemption.id,
      code: redemption.code,
      points: redemption.points,
      balance,
      status: redemption.status,
      expiresAt: redemption.expiresAt,
      reward: { id: redemption.rewardId, name: redemption.rewardName, kind: redemption.kind, valueMinor: redemption.valueMinor, currency: redemption.currency },
      cause: redemption.cause,
    },
    result.status,
    NO_STORE,
  );
}
