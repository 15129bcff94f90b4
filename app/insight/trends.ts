// KPI trend weeks and their anomalies, pure: a week's figures from its rollup totals, and the metrics scored
// for dips and spikes, each with the noise floor its kind of number has.
import { averageFloor, countFloor, median, rateFloor, robustAnomalies } from "~/insight/anomalies";

export type TrendWeek = {
  weekStart: string;
  orders: number;
  memberOrders: number;
  captureRate: number;
  revenueMinor: number;
  memberRevenueMinor: number;
  revenueCaptureRate: number;
  enrolments: number;
  redemptions: number;
  aovMemberMinor: number;
  aovNonMemberMinor: number;
  /** Only partly inside the window: shown, not judged. */
  partial: boolean;
};

export type TrendMetric = "orders" | "memberOrders" | "captureRate" | "revenueMinor" | "enrolments" | "redemptions" | "aovMemberMinor" | "aovNonMemberMinor";
export type TrendAnomaly = { weekStart: string; metric: TrendMetric; direction: "dip" | "spike"; score: number; value: number; baseline: number };

export function trendWeek(
  weekStart: string,
  t: { orders: number; memberOrders: number; revenue: number; memberRevenue: number },
  extra: { enrolments: number; redemptions: number; partial: boolean },
): TrendWeek {
  const nonMemberOrders = t.orders - t.memberOrders;
  return {
    weekStart,
    orders: t.orders,
    memberOrders: t.memberOrders,
    captureRate: t.orders ? t.memberOrders / t.orders : 0,
    revenueMinor: t.revenue,
    memberRevenueMinor: t.memberRevenue,
    revenueCaptureRate: t.revenue > 0 ? t.memberRevenue / t.revenue : 0,
    enrolments: extra.enrolments,
    redemptions: extra.redemptions,
    aovMemberMinor: t.memberOrders ? Math.round(t.memberRevenue / t.memberOrders) : 0,
    aovNonMemberMinor: nonMemberOrders ? Math.round((t.revenue - t.memberRevenue) / nonMemberOrders) : 0,
    partial: extra.partial,
  };
}

/** Every metric's dips and spikes, oldest week first. */
export function trendAnomalies(weeks: readonly TrendWeek[]): TrendAnomaly[] {
  const full = weeks.map((w) => !w.partial);
  const typicalOrders = median(weeks.filter((w) => !w.partial).map((w) => w.orders));
  const typicalMember = median(weeks.filter((w) => !w.partial).map((w) => w.memberOrders));
  const typicalNon = median(weeks.filter((w) => !w.partial).map((w) => w.orders - w.memberOrders));
  const series: [TrendMetric, (w: TrendWeek) => number | null, (baseline: number, index: number) => number][] = [
    ["orders", (w) => w.orders, countFloor],
    ["memberOrders", (w) => w.memberOrders, countFloor],
    ["captureRate", (w) => (w.orders ? w.captureRate : null), (b, i) => rateFloor(weeks[i].orders || typicalOrders)(b)],
    // Revenue: counts of orders times their value; half an order's Poisson spread is the least noise.
    ["revenueMinor", (w) => w.revenueMinor, (b, i) => (b / Math.max(weeks[i].orders || typicalOrders, 1)) * Math.sqrt(Math.max(typicalOrders, 1))],
    ["enrolments", (w) => w.enrolments, countFloor],
    ["redemptions", (w) => w.redemptions, countFloor],
    ["aovMemberMinor", (w) => (w.memberOrders ? w.aovMemberMinor : null), (b) => averageFloor(0.5 / Math.sqrt(Math.max(typicalMember, 1)))(b)],
    ["aovNonMemberMinor", (w) => (w.orders - w.memberOrders ? w.aovNonMemberMinor : null), (b) => averageFloor(0.5 / Math.sqrt(Math.max(typicalNon, 1)))(b)],
  ];
  const out: TrendAnomaly[] = [];
  for (const [metric, value, floor] of series) {
    const values = weeks.map((w, i) => (full[i] ? value(w) : null));
    const flagged = robustAnomalies(values, floor);
    for (const a of flagged) {
      const around = values.filter((v, i): v is number => v !== null && i !== a.index && Math.abs(i - a.index) <= 4);
      out.push({ weekStart: weeks[a.index].weekStart, metric, direction: a.direction, score: a.score, value: values[a.index] ?? 0, baseline: median(around) });
    }
  }
  return out.sort((a, b) => a.weekStart.localeCompare(b.weekStart) || a.metric.localeCompare(b.metric));
}

export type LocationTrend = {
  locationId: string;
  location: string | null;
  orders: number;
  memberOrders: number;
  captureRate: number;
  weeks: { weekStart: string; orders: number; memberOrders: number; captureRate: number }[];
};

export type Trends = { weeks: TrendWeek[]; anomalies: TrendAnomaly[]; locations: LocationTrend[] };
