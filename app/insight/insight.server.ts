// Running one Insight analysis for a shop: the registry's entry, its parameters checked strictly with the
// window's (from/to), the window resolved on the app's clock, the shop's currency. Codes, never statuses.
import { z } from "zod";
import prisma from "~/db.server";
import { analysisNamed, ANALYSES } from "~/insight/analyses.server";
import { refreshInsightRollups } from "~/insight/rollups.server";
import type { InsightContext } from "~/insight/analysis";
import { insightWindow, previousWindow, windowParamsSchema } from "~/insight/window";
import { now } from "~/platform/clock.server";
import { failure, type Failure } from "~/platform/errors";

/** What Shopify and App Bridge add to admin URLs: not an analysis's parameters. */
const AUTH_PARAMS = new Set(["shop", "host", "embedded", "id_token", "session", "locale", "hmac", "timestamp"]);

export type AnalysisAnswer<R = unknown> = { ok: true; name: string; context: InsightContext; result: R };

/** The names the registry serves, in its order. */
export const analysisNames = (): string[] => Object.keys(ANALYSES);

/** Runs analysis `name` for the shop with the request's query parameters. */
export async function runAnalysis(
  shopDomain: string,
  name: string,
  query: URLSearchParams,
  options: { previous?: boolean } = {},
): Promise<AnalysisAnswer | Failure<"not_found" | "invalid_request">> {
  const analysis = analysisNamed(name);
  if (!analysis) return failure("not_found", { what: "analysis" });
  const raw: Record<string, string> = {};
  for (const [key, value] of query) {
    if (AUTH_PARAMS.has(key)) continue;
    if (Object.hasOwn(raw, key)) return failure("invalid_request", { field: key, message: "is given more than once" });
    raw[key] = value;
  }
  const schema = windowParamsSchema.merge(analysis.params).strict();
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue.code === z.ZodIssueCode.unrecognized_keys ? issue.keys.join(", ") : issue.path.join(".");
    return failure("invalid_request", { field, message: issue.message });
  }
  const { from, to, ...params } = parsed.data as { from?: string; to?: string } & Record<string, unknown>;
  const window = insightWindow({ from, to }, await now());
  if (!window.ok) return failure("invalid_request", { field: window.field, message: window.message });
  // Weeks that ingestion marked since the job last ran are brought up to date first, so an answer never lags a webhook.
  await refreshInsightRollups({ shopDomain });
  const shop = await prisma.shop.findUnique({ where: { domain: shopDomain }, select: { currency: true } });
  const context: InsightContext = { shopDomain, currency: shop?.currency ?? "USD", window: options.previous ? previousWindow(window.window) : window.window };
  return { ok: true, name, context, result: await analysis.compute(context, params) };
}
