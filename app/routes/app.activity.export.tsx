// GET /app/activity/export: the filtered activity log as a streamed CSV.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { authenticate } from "~/shopify.server";
import { activityCsv } from "~/models/activity.server";
import { parseActivityQuery } from "~/loyalty/activity-filters";

export async function loader({ request }: LoaderFunctionArgs) {
  const { session } = await authenticate.admin(request);
  const stream = activityCsv(session.shop, parseActivityQuery(new URL(request.url).searchParams));
  return new Response(stream, {
    headers: { "Content-Type": "text/csv; charset=utf-8", "Content-Disposition": 'attachment; filename="loyalist-activity.csv"', "Cache-Control": "no-store" },
  });
}
