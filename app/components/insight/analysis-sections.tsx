// Admin sections for basket, locations, breakage, win-back, offers and said vs did: each turns its analysis's
// JSON (and the previous period's) into one sentence, a chart and a table (exported as CSV by the frame).
import { BarChart } from "@shopify/polaris-viz";
import { Banner, BlockStack, Button, Card, InlineStack, Text, TextField } from "@shopify/polaris";
import { Form, useFetcher } from "@remix-run/react";
import { useState } from "react";
import { t } from "~/platform/i18n";
import { formatMoney } from "~/platform/money";
import { InsightFrame } from "~/components/insight/InsightFrame";
import type { SectionProps } from "~/components/insight/sections";
import type { Basket } from "~/insight/basket";
import type { Breakage } from "~/insight/breakage";
import type { Locations } from "~/insight/allocation";
import { offerWhyText, type Offers } from "~/insight/offers";
import type { SaidVsDid } from "~/insight/said-vs-did";
import type { Winback } from "~/insight/lapse";

const pct = (ratio: number, locale: string) => new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 1 }).format(ratio);
const num = (n: number, locale: string, digits = 0) => new Intl.NumberFormat(locale, { maximumFractionDigits: digits }).format(n);
const frame = (props: SectionProps<unknown>) => ({ name: props.name, window: props.window, previous: props.previousWindow });

function BasketSection(props: SectionProps<Basket>) {
  const { result: r, previous: p, locale } = props;
  const before = new Map(p.pairs.map((x) => [`${x.a.productId}/${x.b.productId}`, x.lift]));
  const top = r.pairs.find((x) => x.significant);
  const sentence = top
    ? t("insight.basket.sentence", {
        a: top.a.title ?? top.a.productId,
        b: top.b.title ?? top.b.productId,
        lift: num(top.lift, locale, 1),
        confidence: pct(top.confidence, locale),
      })
    : t("insight.basket.sentenceNone");
  const label = (x: Basket["pairs"][number]) => `${x.a.title ?? x.a.productId} + ${x.b.title ?? x.b.productId}`;
  const shown = r.pairs.slice(0, 8);
  const data = [
    { name: t("insight.thisPeriod"), data: shown.map((x) => ({ key: label(x), value: Math.round(x.lift * 100) / 100 })) },
    { name: t("insight.previousPeriod"), data: shown.map((x) => ({ key: label(x), value: before.get(`${x.a.productId}/${x.b.productId}`) ?? null })) },
  ];
  return (
    <InsightFrame
      {...frame(props)}
      sentence={sentence}
      tone={top ? "success" : "info"}
      chart={() => <BarChart theme="Light" data={data} direction="horizontal" />}
      table={{
        headings: [
          t("insight.basket.a"),
          t("insight.basket.b"),
          t("insight.basket.orders"),
          t("insight.basket.support"),
          t("insight.basket.confidence"),
          t("insight.basket.lift"),
          t("insight.basket.previousLift"),
          t("insight.basket.significant"),
        ],
        types: ["text", "text", "numeric", "numeric", "numeric", "numeric", "numeric", "text"],
        rows: r.pairs.map((x) => [
          x.a.title ?? x.a.productId,
          x.b.title ?? x.b.productId,
          num(x.orders, locale),
          pct(x.support, locale),
          pct(x.confidence, locale),
          num(x.lift, locale, 2),
          before.has(`${x.a.productId}/${x.b.productId}`) ? num(before.get(`${x.a.productId}/${x.b.productId}`) ?? 0, locale, 2) : "—",
          x.significant ? t("insight.yes") : t("insight.no"),
        ]),
      }}
    >
      <Card>
        <BlockStack gap="200">
          <Text as="h2" variant="headingMd">
            {t("insight.basket.categoriesTitle")}
          </Text>
          {r.categoryPairs.slice(0, 6).map((x) => (
            <Text as="p" key={`${x.a}/${x.b}`}>
              {t("insight.basket.categoryPair", { a: x.a, b: x.b, lift: num(x.lift, locale, 2), orders: num(x.orders, locale) })}
            </Text>
          ))}
          <Text as="p" tone="subdued">
            {t("insight.basket.definitions", { minOrders: r.minOrders })}
          </Text>
        </BlockStack>
      </Card>
    </InsightFrame>
  );
}

function LocationsSection(props: SectionProps<Locations>) {
  const { result: r, previous: p, currency, locale } = props;
  const money = (m: number) => formatMoney(m, currency, locale);
  const before = new Map(p.cells.map((c) => [`${c.locationId}/${c.category}`, c.gapRatio]));
  const worst = r.cells.find((c) => c.flagged && c.gapRatio < 0);
  const sentence = worst
    ? t("insight.locations.sentence", {
        location: worst.location ?? worst.locationId,
        category: worst.category,
        gap: pct(-worst.gapRatio, locale),
        worth: money(r.gapWorthMinor),
      })
    : t("insight.locations.sentenceNone");
  const place = (c: Locations["cells"][number]) => `${c.location ?? c.locationId} · ${c.category}`;
  const shown = r.cells.slice(0, 8);
  const data = [
    { name: t("insight.thisPeriod"), data: shown.map((c) => ({ key: place(c), value: Math.round(c.gapRatio * 1000) / 10 })) },
    {
      name: t("insight.previousPeriod"),
      data: shown.map((c) => ({
        key: place(c),
        value: before.has(`${c.locationId}/${c.category}`) ? Math.round((before.get(`${c.locationId}/${c.category}`) ?? 0) * 1000) / 10 : null,
      })),
    },
  ];
  return (
    <InsightFrame
      {...frame(props)}
      sentence={sentence}
      tone={worst ? "warning" : "info"}
      chart={() => <BarChart theme="Light" data={data} direction="horizontal" />}
      table={{
        headings: [
          t("insight.locations.location"),
          t("insight.locations.category"),
          t("insight.locations.actual"),
          t("insight.locations.expected"),
          t("insight.locations.gap"),
          t("insight.locations.previousGap"),
          t("insight.locations.worth"),
          t("insight.locations.flagged"),
        ],
        types: ["text", "text", "numeric", "numeric", "numeric", "numeric", "numeric", "text"],
        rows: r.cells.map((c) => [
          c.location ?? c.locationId,
          c.category,
          money(c.actualMinor),
          money(c.expectedMinor),
          pct(c.gapRatio, locale),
          before.has(`${c.locationId}/${c.category}`) ? pct(before.get(`${c.locationId}/${c.category}`) ?? 0, locale) : "—",
          money(c.gapWorthMinor),
          c.flagged ? t("insight.yes") : t("insight.no"),
        ]),
      }}
    >
      <Card>
        <Text as="p" tone="subdued">
          {t("insight.locations.definitions")}
        </Text>
      </Card>
    </InsightFrame>
  );
}

function BreakageSection(props: SectionProps<Breakage>) {
  const { result: r, previous: p, currency, locale } = props;
  const money = (m: number) => formatMoney(m, currency, locale);
  const sentence = r.harmful.members
    ? t("insight.breakage.sentence", { members: num(r.harmful.members, locale), points: num(r.harmful.points, locale) })
    : t("insight.breakage.sentenceNone", { points: num(r.harmless.points, locale) });
  const series = (name: string, b: Breakage) => ({
    name,
    data: [
      { key: t("insight.breakage.harmless"), value: b.harmless.points },
      { key: t("insight.breakage.harmful"), value: b.harmful.points },
    ],
  });
  const d = r.definitions;
  return (
    <InsightFrame
      {...frame(props)}
      sentence={sentence}
      tone={r.harmful.members ? "warning" : "info"}
      chart={() => <BarChart theme="Light" data={[series(t("insight.thisPeriod"), r), series(t("insight.previousPeriod"), p)]} />}
      table={{
        headings: [
          t("insight.breakage.customer"),
          t("insight.breakage.reason"),
          t("insight.breakage.balance"),
          t("insight.breakage.ordersLastYear"),
          t("insight.breakage.missingPoints"),
          t("insight.breakage.actions"),
        ],
        types: ["text", "text", "numeric", "numeric", "numeric", "text"],
        rows: r.harmful.list.map((m) => [
          m.customerId,
          t(`insight.breakage.reasons.${m.reason}`),
          num(m.balance, locale),
          num(m.ordersLastYear, locale),
          num(m.missingPoints, locale),
          m.actions
            .map((a) => t("insight.breakage.actionCost", { action: t(`insight.breakage.actionNames.${a.action}`), cost: money(a.costMinor) }))
            .join("; "),
        ]),
      }}
    >
      <Card>
        <BlockStack gap="200">
          <Text as="h2" variant="headingMd">
            {t("insight.breakage.definitionsTitle")}
          </Text>
          <Text as="p">
            {t("insight.breakage.harmlessDefinition", {
              passive: d.passiveOrdersPerYear,
              members: num(r.harmless.members, locale),
              points: num(r.harmless.points, locale),
            })}
          </Text>
          <Text as="p">
            {t("insight.breakage.harmfulDefinition", {
              active: d.activeOrdersPerYear,
              share: pct(d.nearThresholdShare, locale),
              days: d.expirySoonDays,
              members: num(r.harmful.members, locale),
              points: num(r.harmful.points, locale),
            })}
          </Text>
        </BlockStack>
      </Card>
    </InsightFrame>
  );
}

function WinbackSection(props: SectionProps<Winback>) {
  const { result: r, previous: p, currency, locale } = props;
  const sentence = r.lapsedCount
    ? t("insight.winback.sentence", { count: num(r.lapsedCount, locale), asOf: r.asOf, factor: num(r.rule.factor, locale, 1) })
    : t("insight.winback.sentenceNone", { asOf: r.asOf });
  const data = [
    {
      name: t("insight.thisPeriod"),
      data: [
        { key: t("insight.winback.lapsed"), value: r.lapsedCount },
        { key: t("insight.winback.offersSent"), value: r.offers.sent },
        { key: t("insight.winback.returned"), value: r.offers.returned },
      ],
    },
    {
      name: t("insight.previousPeriod"),
      data: [
        { key: t("insight.winback.lapsed"), value: p.lapsedCount },
        { key: t("insight.winback.offersSent"), value: p.offers.sent },
        { key: t("insight.winback.returned"), value: p.offers.returned },
      ],
    },
  ];
  return (
    <InsightFrame
      {...frame(props)}
      sentence={sentence}
      tone={r.lapsedCount ? "warning" : "info"}
      chart={() => <BarChart theme="Light" data={data} />}
      table={{
        headings: [
          t("insight.winback.customer"),
          t("insight.winback.lastOrder"),
          t("insight.winback.usualInterval"),
          t("insight.winback.daysSince"),
          t("insight.winback.orders"),
          t("insight.winback.revenue"),
          t("insight.winback.offered"),
        ],
        types: ["text", "text", "numeric", "numeric", "numeric", "numeric", "text"],
        rows: r.lapsed.map((l) => [
          l.customerId,
          l.lastOrderAt.slice(0, 10),
          num(l.usualIntervalDays, locale, 1),
          num(l.daysSince, locale),
          num(l.orders, locale),
          formatMoney(l.revenueMinor, currency, locale),
          l.offeredAt ? l.offeredAt.slice(0, 10) : "—",
        ]),
      }}
    >
      <Card>
        <BlockStack gap="200">
          <Text as="p">{t("insight.winback.rule", { factor: num(r.rule.factor, locale, 1), minDays: r.rule.minDays, minOrders: r.rule.minOrders })}</Text>
          <Text as="p">
            {t("insight.winback.returnRate", {
              sent: num(r.offers.sent, locale),
              returned: num(r.offers.returned, locale),
              rate: pct(r.offers.returnRate, locale),
            })}
          </Text>
          <WinbackSend />
        </BlockStack>
      </Card>
    </InsightFrame>
  );
}

function CustomerFilter({ window }: { window: SectionProps<unknown>["window"] }) {
  const [text, setText] = useState("");
  return (
    <Form method="get">
      <input type="hidden" name="from" value={window.fromDate} />
      <input type="hidden" name="to" value={window.toDate} />
      <InlineStack gap="300" blockAlign="end">
        <TextField name="customerId" label={t("insight.offers.customerId")} value={text} onChange={setText} autoComplete="off" />
        <Button submit>{t("insight.apply")}</Button>
      </InlineStack>
    </Form>
  );
}

function WinbackSend() {
  const fetcher = useFetcher<{ ok: true; sent: number; lapsed: number }>();
  return (
    <fetcher.Form method="post" action="/app/insights/winback-offers">
      <InlineStack gap="300" blockAlign="center">
        <Button submit loading={fetcher.state !== "idle"}>
          {t("insight.winback.send")}
        </Button>
        {fetcher.data?.ok ? <Text as="span">{t("insight.winback.sent", { sent: fetcher.data.sent, lapsed: fetcher.data.lapsed })}</Text> : null}
      </InlineStack>
    </fetcher.Form>
  );
}

type ImportReply =
  | { ok: true; imported: number; customers: number }
  | { ok: false; code?: string; problems?: { row: number; field: string; code: string }[]; fieldErrors?: Record<string, string> };

function SurveyImport() {
  const fetcher = useFetcher<ImportReply>();
  const reply = fetcher.data;
  return (
    <BlockStack gap="200">
      <Text as="h2" variant="headingMd">
        {t("insight.saidVsDid.importTitle")}
      </Text>
      <Text as="p" tone="subdued">
        {t("insight.saidVsDid.importHelp")}
      </Text>
      <fetcher.Form method="post" action="/app/insights/survey-answers" encType="multipart/form-data">
        <InlineStack gap="300" blockAlign="center">
          <input type="file" name="file" accept=".csv,text/csv" aria-label={t("insight.saidVsDid.chooseFile")} />
          <Button submit loading={fetcher.state !== "idle"}>
            {t("insight.saidVsDid.import")}
          </Button>
        </InlineStack>
      </fetcher.Form>
      {reply?.ok ? <Banner tone="success">{t("insight.saidVsDid.imported", { imported: reply.imported, customers: reply.customers })}</Banner> : null}
      {reply && !reply.ok ? (
        <Banner tone="critical" title={t("insight.saidVsDid.importFailed")}>
          {reply.code ? <p>{t(`insight.saidVsDid.problems.${reply.code}`)}</p> : null}
          {Object.values(reply.fieldErrors ?? {}).map((m) => (
            <p key={m}>{m}</p>
          ))}
          {(reply.problems ?? []).slice(0, 10).map((x) => (
            <p key={`${x.row}:${x.field}`}>{t("insight.saidVsDid.rowProblem", { row: x.row, field: x.field, code: x.code })}</p>
          ))}
        </Banner>
      ) : null}
    </BlockStack>
  );
}

function OffersSection(props: SectionProps<Offers>) {
  const { result: r, previous: p, locale } = props;
  const kinds = ["new_category", "cross_sell", "reward_close"] as const;
  const count = (o: Offers, kind: string) => o.offers.filter((x) => x.kind === kind).length;
  const sentence = r.offers.length
    ? t("insight.offers.sentence", { members: num(r.members, locale), offers: num(r.offers.length, locale) })
    : t("insight.offers.sentenceNone");
  const data = [
    { name: t("insight.thisPeriod"), data: kinds.map((k) => ({ key: t(`insight.offers.kinds.${k}`), value: count(r, k) })) },
    { name: t("insight.previousPeriod"), data: kinds.map((k) => ({ key: t(`insight.offers.kinds.${k}`), value: count(p, k) })) },
  ];
  return (
    <InsightFrame
      {...frame(props)}
      sentence={sentence}
      chart={() => <BarChart theme="Light" data={data} />}
      table={{
        headings: [t("insight.offers.customer"), t("insight.offers.kind"), t("insight.offers.suggestion"), t("insight.offers.whyTitle")],
        types: ["text", "text", "text", "text"],
        rows: r.offers.map((o) => [o.customerId, t(`insight.offers.kinds.${o.kind}`), o.category ?? o.title ?? o.rewardId ?? "", offerWhyText(o.why, locale)]),
      }}
    >
      <Card>
        <BlockStack gap="200">
          <CustomerFilter window={props.window} />
          <Text as="p" tone="subdued">
            {t("insight.offers.definitions")}
          </Text>
        </BlockStack>
      </Card>
    </InsightFrame>
  );
}

function SaidVsDidSection(props: SectionProps<SaidVsDid>) {
  const { result: r, previous: p, locale } = props;
  const worst = [...r.questions].sort((a, b) => b.mismatchRate - a.mismatchRate)[0];
  const sentence =
    worst && worst.compared
      ? t("insight.saidVsDid.sentence", { rate: pct(worst.mismatchRate, locale), question: t(`insight.saidVsDid.questions.${worst.question}`) })
      : t("insight.saidVsDid.sentenceNone");
  const series = (name: string, s: SaidVsDid) => ({
    name,
    data: s.questions.map((q) => ({ key: t(`insight.saidVsDid.questions.${q.question}`), value: Math.round(q.mismatchRate * 1000) / 10 })),
  });
  return (
    <InsightFrame
      {...frame(props)}
      sentence={sentence}
      tone={worst && worst.mismatchRate >= 0.25 ? "warning" : "info"}
      chart={() => <BarChart theme="Light" data={[series(t("insight.thisPeriod"), r), series(t("insight.previousPeriod"), p)]} />}
      table={{
        headings: [
          t("insight.saidVsDid.question"),
          t("insight.saidVsDid.answered"),
          t("insight.saidVsDid.compared"),
          t("insight.saidVsDid.mismatched"),
          t("insight.saidVsDid.mismatchRate"),
        ],
        rows: r.questions.map((q) => [
          t(`insight.saidVsDid.questions.${q.question}`),
          num(q.answered, locale),
          num(q.compared, locale),
          num(q.mismatched, locale),
          pct(q.mismatchRate, locale),
        ]),
      }}
    >
      <Card>
        <BlockStack gap="200">
          <Text as="p">{t("insight.saidVsDid.why")}</Text>
          <Text as="p" tone="subdued">
            {t("insight.saidVsDid.definitions")}
          </Text>
          <SurveyImport />
        </BlockStack>
      </Card>
    </InsightFrame>
  );
}

/** The sections of this file by registry name (spread into INSIGHT_SECTIONS). */
export const ANALYSIS_SECTIONS = {
  basket: BasketSection,
  locations: LocationsSection,
  breakage: BreakageSection,
  winback: WinbackSection,
  offers: OffersSection,
  "said-vs-did": SaidVsDidSection,
};
