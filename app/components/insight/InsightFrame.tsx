// The frame every Insight section shares: what it means and what to do (one sentence), the date range with the
// previous period beside it, a chart, a table and a CSV export of that table. Charts are drawn in the browser
// only (polaris-viz measures its container).
import { Form } from "@remix-run/react";
import { Banner, BlockStack, Button, Card, DataTable, InlineStack, Layout, Page, Text, TextField } from "@shopify/polaris";
import { PolarisVizProvider } from "@shopify/polaris-viz";
import { useEffect, useState, type ReactNode } from "react";
import { t } from "~/platform/i18n";
import { toCsv } from "~/components/insight/csv";

/** Registry names are kebab-case ("said-vs-did"), their strings camelCase (insight.saidVsDid). */
export const messageKey = (name: string) => name.replace(/-([a-z])/g, (_, letter: string) => letter.toUpperCase());

export type WindowView = { fromDate: string; toDate: string };

export type InsightTable = { headings: string[]; rows: (string | number)[][]; types?: ("text" | "numeric")[] };

export function ClientOnly({ children, height = 280 }: { children: () => ReactNode; height?: number }) {
  const [ready, setReady] = useState(false);
  useEffect(() => setReady(true), []);
  return <div style={{ height }}>{ready ? children() : null}</div>;
}

function downloadCsv(fileName: string, table: InsightTable) {
  const blob = new Blob([toCsv([table.headings, ...table.rows])], { type: "text/csv;charset=utf-8" });
  const href = URL.createObjectURL(blob);
  const link = document.createElement("a");
  link.href = href;
  link.download = fileName;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(href), 30_000);
}

export function InsightFrame(props: {
  name: string;
  window: WindowView;
  previous: WindowView;
  sentence: string;
  tone?: "info" | "success" | "warning";
  chart: () => ReactNode;
  table: InsightTable;
  children?: ReactNode;
}) {
  const { name, window, previous, table } = props;
  return (
    <Page title={t(`insight.${messageKey(name)}.title`)} backAction={{ content: t("insight.title"), url: "/app/insights" }}>
      <PolarisVizProvider>
        <Layout>
          <Layout.Section>
            <Banner tone={props.tone ?? "info"} title={t("insight.whatItMeans")}>
              <p>{props.sentence}</p>
            </Banner>
          </Layout.Section>
          <Layout.Section>
            <Card>
              <Form method="get">
                <InlineStack gap="300" blockAlign="end" wrap>
                  <DateField name="from" label={t("insight.from")} value={window.fromDate} />
                  <DateField name="to" label={t("insight.to")} value={window.toDate} />
                  <Button submit>{t("insight.apply")}</Button>
                  <Text as="span" tone="subdued">
                    {t("insight.comparedWith", { from: previous.fromDate, to: previous.toDate })}
                  </Text>
                </InlineStack>
              </Form>
            </Card>
          </Layout.Section>
          <Layout.Section>
            <Card>
              <BlockStack gap="300">
                <Text as="h2" variant="headingMd">
                  {t(`insight.${messageKey(name)}.chartTitle`)}
                </Text>
                <ClientOnly>{props.chart}</ClientOnly>
              </BlockStack>
            </Card>
          </Layout.Section>
          {props.children ? <Layout.Section>{props.children}</Layout.Section> : null}
          <Layout.Section>
            <Card padding="0">
              <BlockStack gap="200">
                <div style={{ padding: "var(--p-space-400) var(--p-space-400) 0" }}>
                  <InlineStack align="space-between" blockAlign="center">
                    <Text as="h2" variant="headingMd">
                      {t(`insight.${messageKey(name)}.tableTitle`)}
                    </Text>
                    <Button onClick={() => downloadCsv(`loyalist-insight-${name}-${window.fromDate}-${window.toDate}.csv`, table)}>
                      {t("insight.exportCsv")}
                    </Button>
                  </InlineStack>
                </div>
                <DataTable
                  columnContentTypes={table.types ?? table.headings.map((_, i) => (i === 0 ? "text" : "numeric"))}
                  headings={table.headings}
                  rows={table.rows}
                />
              </BlockStack>
            </Card>
          </Layout.Section>
        </Layout>
      </PolarisVizProvider>
    </Page>
  );
}

function DateField({ name, label, value }: { name: string; label: string; value: string }) {
  const [text, setText] = useState(value);
  return <TextField name={name} label={label} type="date" value={text} onChange={setText} autoComplete="off" />;
}

/** "+12.0%" / "−3.4%" / "—" for the change from `before` to `now`. */
export function change(now: number, before: number): string {
  if (!before) return "—";
  const ratio = now / before - 1;
  const text = `${(Math.abs(ratio) * 100).toFixed(1)}%`;
  return ratio > 0 ? `+${text}` : ratio < 0 ? `−${text}` : "0.0%";
}
