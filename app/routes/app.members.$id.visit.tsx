// Admin: staff record an in-store visit for a member (the member page's check-in card): one service call.
import type { ActionFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { authenticate } from "~/shopify.server";
import { readRouteParam } from "~/platform/form-body.server";
import { staffActor } from "~/platform/staff.server";
import { adminErrorMessage } from "~/platform/error-response.server";
import { statusFor } from "~/platform/errors";
import { recordStoreVisitForMember } from "~/actions/actions.server";

export async function action({ request, params }: ActionFunctionArgs) {
  const { session, sessionToken } = await authenticate.admin(request);
  const result = await recordStoreVisitForMember(session.shop, readRouteParam(params, "id"), await staffActor(sessionToken, session.shop));
  if (!result.ok) return json({ ok: false as const, code: result.code, message: adminErrorMessage(result) }, { status: statusFor(result.code) });
  return json({ ok: true as const, points: result.points, balance: result.balance });
}
