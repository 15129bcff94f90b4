// What an Insight analysis is: its own query parameters (a zod object; `from`/`to` are the route's) and a
// compute function over the shop's data for a window. app/insight/analyses.server.ts lists them by name; the
// JSON route and the admin pages serve whatever is listed, so a new analysis is one file plus one entry.
import type { z } from "zod";
import type { InsightWindow } from "~/insight/window";

export type InsightContext = {
  shopDomain: string;
  /** The shop's currency: every *Minor amount is in its minor units. */
  currency: string;
  window: InsightWindow;
};

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Analysis<P extends z.ZodObject<any> = z.ZodObject<any>, R = unknown> = {
  /** The analysis's own query parameters (besides from/to); unknown parameters are refused. */
  params: P;
  // Method syntax on purpose: the registry holds analyses of different parameter types as one type.
  compute(context: InsightContext, params: z.infer<P>): Promise<R>;
};

/** Declares an analysis with its parameters' types inferred. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function defineAnalysis<P extends z.ZodObject<any>, R>(analysis: Analysis<P, R>): Analysis<P, R> {
  return analysis;
}
