// One admin section per Insight analysis, by registry name: each turns its analysis's JSON (and the previous
// period's) into a sentence, a chart and a table. An analysis without a section here is not linked from the
// Insight page. Money in the shop's currency, in the viewer's locale.
import { BarChart, LineChart } from "@shopify/polaris-viz";
import { Badge, BlockStack, Card, DataTable, Text } from "@shopify/polaris";
import type { ReactElement } from "react";
import { t } from "~/platform/i18n";
import { formatMoney } from "~/platform/money";
import { change, InsightFrame, type WindowView } from "~/components/insight/InsightFrame";
import type { Health } from "~/insight/health";
import type { Trends } from "~/insight/trends";
import type { MembersVsNonMembers } from "~/insight/members";
import { ANALYSIS_SECTIONS } from "~/components/insight/analysis-sections";

export type SectionProps<R = unknown> = {
  name: string;
  result: R;
  previous: R;
  currency: string;
  locale: string;
  window: WindowView;
  previousWindow: WindowView;
};

const pct = (ratio: number, locale: string) => new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 1 }).format(ratio);
const num = (n: number, locale: string) => new Intl.NumberFormat(locale).format(n);

function HealthSection(props: SectionProps<Health>) {
  const { result: r, previous: p, currency, locale } = props;
  const money = (m: number | null) => (m === null ? "—" : formatMoney(m, currency, locale));
  const rows: [string, string, string, string][] = [
    [t("insight.health.members"), num(r.members, locale), num(p.members, locale), change(r.members, p.members)],
    [t("insight.health.enrolments"), num(r.enrolments, locale), num(p.enrolments, locale), change(r.enrolments, p.enrolments)],
    [t("insight.health.activeMembers"), num(r.activeMembers, locale), num(p.activeMembers, locale), change(r.activeMembers, p.activeMembers)],
    [t("insight.health.pointsIssued"), num(r.pointsIssued, locale), num(p.pointsIssued, locale), change(r.pointsIssued, p.pointsIssued)],
    [t("insight.health.pointsRedeemed"), num(r.pointsRedeemed, locale), num(p.pointsRedeemed, locale), change(r.pointsRedeemed, p.pointsRedeemed)],
    [t("insight.health.pointsExpired"), num(r.pointsExpired, locale), num(p.pointsExpired, locale), change(r.pointsExpired, p.pointsExpired)],
    [t("insight.health.redemptionRate"), pct(r.redemptionRate, locale), pct(p.redemptionRate, locale), change(r.redemptionRate, p.redemptionRate)],
    [t("insight.health.breakageRate"), pct(r.breakageRate, locale), pct(p.breakageRate, locale), change(r.breakageRate, p.breakageRate)],
    [t("insight.health.liability"), money(r.liabilityMinor), money(p.liabilityMinor), change(r.liabilityMinor ?? 0, p.liabilityMinor ?? 0)],
  ];
  const sentence =
    r.pointsIssued === 0
      ? t("insight.health.sentenceNoPoints")
      : r.redemptionRate < 0.2
        ? r.liabilityMinor === null
          ? t("insight.health.sentenceLowNoValue", { rate: pct(r.redemptionRate, locale) })
          : t("insight.health.sentenceLow", { rate: pct(r.redemptionRate, locale), liability: money(r.liabilityMinor) })
        : t("insight.health.sentenceOk", { rate: pct(r.redemptionRate, locale), active: num(r.activeMembers, locale), members: num(r.members, locale) });
  const series = (name: string, h: Health) => ({
    name,
    data: [
      { key: t("insight.health.pointsIssued"), value: h.pointsIssued },
      { key: t("insight.health.pointsRedeemed"), value: h.pointsRedeemed },
      { key: t("insight.health.pointsExpired"), value: h.pointsExpired },
    ],
  });
  return (
    <InsightFrame
      name={props.name}
      window={props.window}
      previous={props.previousWindow}
      sentence={sentence}
      tone={r.pointsIssued > 0 && r.redemptionRate < 0.2 ? "warning" : "info"}
      chart={() => <BarChart theme="Light" data={[series(t("insight.thisPeriod"), r), series(t("insight.previousPeriod"), p)]} />}
      table={{ headings: [t("insight.metric"), t("insight.thisPeriod"), t("insight.previousPeriod"), t("insight.change")], rows }}
    />
  );
}

function TrendsSection(props: SectionProps<Trends>) {
  const { result: r, previous: p, currency, locale } = props;
  const dips = r.anomalies.filter((a) => a.metric === "captureRate" && a.direction === "dip");
  const flagged = new Map(r.anomalies.map((a) => [`${a.weekStart}:${a.metric}`, a]));
  const full = r.weeks.filter((w) => !w.partial);
  const orders = full.reduce((s, w) => s + w.orders, 0);
  const memberOrders = full.reduce((s, w) => s + w.memberOrders, 0);
  const average = orders ? memberOrders / orders : 0;
  const sentence = dips.length
    ? t("insight.trends.sentenceDip", { week: dips[0].weekStart, rate: pct(dips[0].value, locale), usual: pct(dips[0].baseline, locale) })
    : r.anomalies.length
      ? t("insight.trends.sentenceOther", {
          count: r.anomalies.length,
          metric: t(`insight.trends.metrics.${r.anomalies[0].metric}`),
          week: r.anomalies[0].weekStart,
        })
      : t("insight.trends.sentenceNone", { rate: pct(average, locale) });
  const rows = r.weeks.map((w) => [
    w.weekStart,
    num(w.orders, locale),
    num(w.memberOrders, locale),
    `${pct(w.captureRate, locale)}${flagged.has(`${w.weekStart}:captureRate`) ? ` (${t(`insight.trends.${flagged.get(`${w.weekStart}:captureRate`)!.direction}`)})` : ""}`,
    formatMoney(w.revenueMinor, currency, locale),
    num(w.enrolments, locale),
    num(w.redemptions, locale),
    formatMoney(w.aovMemberMinor, currency, locale),
    formatMoney(w.aovNonMemberMinor, currency, locale),
  ]);
  const data = [
    { name: t("insight.thisPeriod"), data: r.weeks.map((w) => ({ key: w.weekStart, value: Math.round(w.captureRate * 1000) / 10 })) },
    {
      name: t("insight.previousPeriod"),
      data: r.weeks.map((w, i) => ({ key: w.weekStart, value: p.weeks[i] ? Math.round(p.weeks[i].captureRate * 1000) / 10 : null })),
    },
  ];
  return (
    <InsightFrame
      name={props.name}
      window={props.window}
      previous={props.previousWindow}
      sentence={sentence}
      tone={dips.length ? "warning" : "info"}
      chart={() => <LineChart theme="Light" data={data} />}
      table={{
        headings: [
          t("insight.trends.week"),
          t("insight.trends.metrics.orders"),
          t("insight.trends.metrics.memberOrders"),
          t("insight.trends.metrics.captureRate"),
          t("insight.trends.metrics.revenueMinor"),
          t("insight.trends.metrics.enrolments"),
          t("insight.trends.metrics.redemptions"),
          t("insight.trends.metrics.aovMemberMinor"),
          t("insight.trends.metrics.aovNonMemberMinor"),
        ],
        rows,
      }}
    >
      <BlockStack gap="400">
        {r.anomalies.length ? (
          <Card>
            <BlockStack gap="200">
              <Text as="h2" variant="headingMd">
                {t("insight.trends.anomaliesTitle")}
              </Text>
              {r.anomalies.map((a) => (
                <Text as="p" key={`${a.weekStart}:${a.metric}`}>
                  <Badge tone={a.direction === "dip" ? "critical" : "attention"}>{t(`insight.trends.${a.direction}`)}</Badge>{" "}
                  {t("insight.trends.anomaly", { week: a.weekStart, metric: t(`insight.trends.metrics.${a.metric}`), score: num(Math.abs(a.score), locale) })}
                </Text>
              ))}
            </BlockStack>
          </Card>
        ) : null}
        <Card padding="0">
          <DataTable
            columnContentTypes={["text", "numeric", "numeric", "numeric"]}
            headings={[
              t("insight.trends.location"),
              t("insight.trends.metrics.orders"),
              t("insight.trends.metrics.memberOrders"),
              t("insight.trends.metrics.captureRate"),
            ]}
            rows={r.locations.map((l) => [
              l.location ?? (l.locationId || t("insight.trends.online")),
              num(l.orders, locale),
              num(l.memberOrders, locale),
              pct(l.captureRate, locale),
            ])}
          />
        </Card>
      </BlockStack>
    </InsightFrame>
  );
}

const MIN_MEASURED = 10;

function MembersSection(props: SectionProps<MembersVsNonMembers>) {
  const { result: r, currency, locale } = props;
  const money = (m: number) => formatMoney(m, currency, locale);
  const perCustomer = (g: MembersVsNonMembers["members"]) => (g.customers ? Math.round(g.revenueMinor / g.customers) : 0);
  const rows = [
    [t("insight.members.customers"), num(r.members.customers, locale), num(r.nonMembers.customers, locale)],
    [t("insight.members.orders"), num(r.members.orders, locale), num(r.nonMembers.orders, locale)],
    [t("insight.members.revenue"), money(r.members.revenueMinor), money(r.nonMembers.revenueMinor)],
    [t("insight.members.aov"), money(r.members.aovMinor), money(r.nonMembers.aovMinor)],
    [
      t("insight.members.ordersPerCustomer"),
      num(Math.round(r.members.ordersPerCustomer * 100) / 100, locale),
      num(Math.round(r.nonMembers.ordersPerCustomer * 100) / 100, locale),
    ],
    [t("insight.members.revenuePerCustomer"), money(perCustomer(r.members)), money(perCustomer(r.nonMembers))],
  ];
  // Below a handful of measured members the interval says little: ask for more history instead.
  const enough = r.treatedCustomers >= MIN_MEASURED;
  const significant = enough && r.interval[0] > 0;
  const range = { amount: money(r.incrementalRevenueMinor), low: money(r.interval[0]), high: money(r.interval[1]) };
  const sentence = significant
    ? r.roi === null
      ? t("insight.members.sentenceUpliftNoRoi", range)
      : t("insight.members.sentenceUplift", { ...range, roi: pct(r.roi, locale) })
    : enough
      ? t("insight.members.sentenceUnclear", range)
      : t("insight.members.sentenceTooLittle", { weeks: r.weeks, needed: MIN_MEASURED });
  const data = [
    {
      name: t("insight.members.membersLabel"),
      data: [
        { key: t("insight.members.aov"), value: r.members.aovMinor },
        { key: t("insight.members.revenuePerCustomer"), value: perCustomer(r.members) },
      ],
    },
    {
      name: t("insight.members.nonMembersLabel"),
      data: [
        { key: t("insight.members.aov"), value: r.nonMembers.aovMinor },
        { key: t("insight.members.revenuePerCustomer"), value: perCustomer(r.nonMembers) },
      ],
    },
  ];
  return (
    <InsightFrame
      name={props.name}
      window={props.window}
      previous={props.previousWindow}
      sentence={sentence}
      tone={significant ? "success" : "info"}
      chart={() => <BarChart theme="Light" data={data} xAxisOptions={{}} yAxisOptions={{ labelFormatter: (v) => money(Number(v ?? 0)) }} />}
      table={{ headings: [t("insight.metric"), t("insight.members.membersLabel"), t("insight.members.nonMembersLabel")], rows }}
    >
      <Card>
        <BlockStack gap="200">
          <Text as="h2" variant="headingMd">
            {t("insight.members.incrementalTitle")}
          </Text>
          <Text as="p">
            {t("insight.members.incremental", { amount: money(r.incrementalRevenueMinor), low: money(r.interval[0]), high: money(r.interval[1]) })}
          </Text>
          <Text as="p">{t("insight.members.roi", { roi: r.roi === null ? "—" : pct(r.roi, locale), cost: money(r.rewardCostMinor) })}</Text>
          <Text as="p" tone="subdued">
            {t("insight.members.method", {
              weeks: r.weeks,
              treated: num(r.treatedCustomers, locale),
              low: pct(r.referenceUplift[0], locale),
              high: pct(r.referenceUplift[1], locale),
            })}
          </Text>
        </BlockStack>
      </Card>
    </InsightFrame>
  );
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const INSIGHT_SECTIONS: Record<string, (props: SectionProps<any>) => ReactElement> = {
  health: HealthSection,
  trends: TrendsSection,
  members: MembersSection,
  // Basket, locations, breakage, win-back, offers, said vs did: sections below this line.
  ...ANALYSIS_SECTIONS,
};
