// GET /app/import/:id/errors: an import's row-by-row problems as a CSV error report.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { authenticate } from "~/shopify.server";
import { readRouteParam } from "~/platform/form-body.server";
import { importErrorsCsv } from "~/members/member-import.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { session } = await authenticate.admin(request);
  const stream = await importErrorsCsv(session.shop, readRouteParam(params, "id"));
  if (!stream) throw new Response("No such import", { status: 404 });
  return new Response(stream, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": 'attachment; filename="loyalist-import-errors.csv"',
      "Cache-Control": "no-store",
    },
  });
}
