// GET /healthz: 200 once the app accepts traffic and its database answers.
import prisma from "~/db.server";

export async function loader() {
  try {
    await prisma.$queryRaw`SELECT 1`;
    return new Response(JSON.stringify({ ok: true }), { headers: { "Content-Type": "application/json", "Cache-Control": "no-store" } });
  } catch {
    return new Response(JSON.stringify({ ok: false, error: "database_unavailable" }), { status: 503, headers: { "Content-Type": "application/json" } });
  }
}
