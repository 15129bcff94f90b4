// GET /app/members/export: every member and balance as a streamed CSV (re-importable on /app/import).
import type { LoaderFunctionArgs } from "@remix-run/node";
import { authenticate } from "~/shopify.server";
import { membersCsv } from "~/members/member-export.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const { session } = await authenticate.admin(request);
  return new Response(membersCsv(session.shop), {
    headers: { "Content-Type": "text/csv; charset=utf-8", "Content-Disposition": 'attachment; filename="loyalist-members.csv"', "Cache-Control": "no-store" },
  });
}
