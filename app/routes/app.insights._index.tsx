// Admin: the Insight section's landing page, a card per analysis that has a section.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { BlockStack, Card, Layout, Page, Text } from "@shopify/polaris";
import { authenticate } from "~/shopify.server";
import { analysisNames } from "~/insight/insight.server";
import { t } from "~/platform/i18n";
import { INSIGHT_SECTIONS } from "~/components/insight/sections";
import { RouteErrorBoundary } from "~/components/RouteErrorBoundary";
import { BackfillBanner } from "~/components/insight/BackfillBanner";
import { messageKey } from "~/components/insight/InsightFrame";
import { insightBackfillProgress } from "~/insight/backfill.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const { session } = await authenticate.admin(request);
  const backfill = await insightBackfillProgress(session.shop);
  return json({
    names: analysisNames().filter((name) => Object.hasOwn(INSIGHT_SECTIONS, name)),
    backfill: backfill && { status: backfill.status, fraction: backfill.fraction, rows: backfill.rows },
  });
}

export default function InsightIndex() {
  const { names, backfill } = useLoaderData<typeof loader>();
  return (
    <Page title={t("insight.title")} subtitle={t("insight.subtitle")}>
      <Layout>
        {backfill && backfill.status !== "completed" ? (
          <Layout.Section>
            <BackfillBanner backfill={backfill} />
          </Layout.Section>
        ) : null}
        {names.map((name) => (
          <Layout.Section key={name} variant="oneThird">
            <Card>
              <BlockStack gap="200">
                <Text as="h2" variant="headingMd">
                  <Link to={`/app/insights/${name}`}>{t(`insight.${messageKey(name)}.title`)}</Link>
                </Text>
                <Text as="p" tone="subdued">
                  {t(`insight.${messageKey(name)}.summary`)}
                </Text>
              </BlockStack>
            </Card>
          </Layout.Section>
        ))}
      </Layout>
    </Page>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
