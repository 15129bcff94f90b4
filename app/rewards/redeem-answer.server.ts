// The one redeem request and answer, for every surface that redeems (app proxy, customer accounts, POS).
import { z } from "zod";
import { jsonResponse } from "~/platform/http.server";
import type { RedeemResponse } from "~/members/contract";
import type { RedeemResult } from "~/rewards/redemptions.server";

export const redeemRequestSchema = z
  .object({
    rewardId: z.string().min(1).max(100),
    /** points_for_amount: how many points to spend (a multiple of the reward's step). */
    points: z.number().int().positive().max(100_000_000).optional().nullable(),
    /** donation: which cause. */
    causeId: z.string().min(1).max(100).optional().nullable(),
    /** Optional key from the caller: repeating a request with it never redeems twice. */
    idempotencyKey: z.string().min(8).max(100).optional().nullable(),
  })
  .strict();

/** 201 with the code; 202 while Shopify could not be reached (the reward is reserved, the recovery job creates it). */
export function redeemAnswer(result: Extract<RedeemResult, { ok: true }>): Response {
  const { redemption, balance } = result;
  const body: RedeemResponse = {
    redemptionId: redemption.id,
    code: redemption.code,
    points: redemption.points,
    balance,
    status: redemption.status,
    expiresAt: redemption.expiresAt,
    reward: { id: redemption.rewardId, name: redemption.rewardName, kind: redemption.kind, valueMinor: redemption.valueMinor, currency: redemption.currency },
    cause: redemption.cause,
  };
  return jsonResponse(body, redemption.status === "reserved" ? 202 : 201, { "Cache-Control": "private, no-store" });
}
