// Admin action: send the win-back offer (a Flow trigger with the "why did you stop?" survey) to every member
// lapsed today who has not had one for this silence.
import type { ActionFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { z } from "zod";
import { authenticate } from "~/shopify.server";
import { readFormFields } from "~/platform/form-body.server";
import { fieldErrorsFromZod } from "~/platform/form-errors";
import { sendWinbackOffers } from "~/insight/winback.server";

const schema = z.object({ rewardId: z.string().trim().max(64).optional() }).strict();

export async function action({ request }: ActionFunctionArgs) {
  const { session } = await authenticate.admin(request);
  const parsed = schema.safeParse(await readFormFields(request));
  if (!parsed.success) return json({ ok: false as const, fieldErrors: fieldErrorsFromZod(parsed.error) }, { status: 422 });
  const result = await sendWinbackOffers(session.shop, { rewardId: parsed.data.rewardId || null });
  return json({ ok: true as const, ...result });
}
