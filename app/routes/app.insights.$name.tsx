// Admin: one Insight section (/app/insights/<name>), its analysis for the chosen window and the previous one.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import vizStyles from "@shopify/polaris-viz/build/esm/styles.css";
import { authenticate } from "~/shopify.server";
import { runAnalysis } from "~/insight/insight.server";
import { readSearchParams } from "~/platform/form-body.server";
import { errorResponse } from "~/platform/http.server";
import { statusFor } from "~/platform/errors";
import { INSIGHT_SECTIONS } from "~/components/insight/sections";
import { RouteErrorBoundary } from "~/components/RouteErrorBoundary";
import { currentIntlLocale } from "~/platform/i18n";

export const links = () => [{ rel: "stylesheet", href: vizStyles }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { session } = await authenticate.admin(request);
  const name = params.name ?? "";
  if (!Object.hasOwn(INSIGHT_SECTIONS, name)) throw errorResponse(404, "not_found", "No such Insight section");
  const query = readSearchParams(request);
  const [current, previous] = await Promise.all([runAnalysis(session.shop, name, query), runAnalysis(session.shop, name, query, { previous: true })]);
  if (!current.ok || !previous.ok) {
    const failed = !current.ok ? current : previous;
    if (failed.ok) throw new Error("unreachable");
    throw errorResponse(statusFor(failed.code), failed.code, `${String(failed.field ?? "")}: ${String(failed.message ?? "")}`);
  }
  const windowView = (w: { fromDate: string; toDate: string }) => ({ fromDate: w.fromDate, toDate: w.toDate });
  return json({
    name,
    currency: current.context.currency,
    locale: currentIntlLocale(),
    window: windowView(current.context.window),
    previousWindow: windowView(previous.context.window),
    result: current.result,
    previous: previous.result,
  });
}

export default function InsightSectionPage() {
  const data = useLoaderData<typeof loader>();
  const Section = INSIGHT_SECTIONS[data.name];
  return <Section {...data} result={data.result} previous={data.previous} />;
}

export const ErrorBoundary = RouteErrorBoundary;
