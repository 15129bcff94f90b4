// GET /readyz: 200 when this instance can serve (database answering, every migration applied), else 503.
import { readiness } from "~/platform/readiness.server";

export async function loader() {
  const state = await readiness();
  return new Response(JSON.stringify(state), {
    status: state.ready ? 200 : 503,
    headers: { "Content-Type": "application/json", "Cache-Control": "no-store" },
  });
}
