// The registry of Insight analyses: name → its own query parameters (zod) and compute function. The JSON route
// (GET /app/insights/<name>.json) and the admin pages serve whatever is listed here; an analysis is one file
// under app/insight/ plus one entry.
import type { Analysis } from "~/insight/analysis";
// Program health, KPI trends, members vs non-members (the data layer's analyses).
import { healthAnalysis } from "~/insight/health.server";
import { membersAnalysis } from "~/insight/members.server";
import { trendsAnalysis } from "~/insight/trends.server";
// Basket, locations, breakage, win-back, offers, said vs did: imports below this line.
import { basketAnalysis } from "~/insight/basket.server";
import { breakageAnalysis } from "~/insight/breakage.server";
import { locationsAnalysis } from "~/insight/locations.server";
import { offersAnalysis } from "~/insight/offers.server";
import { saidVsDidAnalysis } from "~/insight/said-vs-did.server";
import { winbackAnalysis } from "~/insight/winback.server";

export const ANALYSES: Record<string, Analysis> = {
  // Program health, KPI trends, members vs non-members.
  health: healthAnalysis,
  trends: trendsAnalysis,
  members: membersAnalysis,
  // Basket, locations, breakage, win-back, offers, said vs did: entries below this line.
  basket: basketAnalysis,
  locations: locationsAnalysis,
  breakage: breakageAnalysis,
  winback: winbackAnalysis,
  offers: offersAnalysis,
  "said-vs-did": saidVsDidAnalysis,
};

/** The analysis of that name, if there is one. */
export function analysisNamed(name: string): Analysis | undefined {
  return Object.hasOwn(ANALYSES, name) ? ANALYSES[name] : undefined;
}
