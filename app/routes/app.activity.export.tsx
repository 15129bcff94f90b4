// GET /app/activity/export: the filtered activity log as a streamed CSV.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { authenticate } from "~/shopify.server";
import { readSearchParams } from "~/platform/form-body.server";
import { activityCsv } from "~/ledger/activity.server";
import { parseActivityQuery } from "~/ledger/activity-filters";

export async function loader({ request }: LoaderFunctionArgs) {
  const { session } = await authenticate.admin(request);
  const stream = activityCsv(session.shop, parseActivityQuery(readSearchParams(request)));
  return new Response(stream, {
    headers: { "Content-Type": "text/csv; charset=utf-8", "Content-Disposition": 'attachment; filename="loyalist-activity.csv"', "Cache-Control": "no-store" },
  });
}
