// The install backfill's progress on the Insight page: "Importing your past year: 40%" until it is done.
import { Banner, ProgressBar, BlockStack, Text } from "@shopify/polaris";
import { t } from "~/platform/i18n";
import { formatNumber } from "~/components/format";

export type BackfillBannerProps = { status: "created" | "running" | "completed" | "failed"; fraction: number | null; rows: number } | null;

export function BackfillBanner({ backfill }: { backfill: BackfillBannerProps }) {
  if (!backfill || backfill.status === "completed") return null;
  if (backfill.status === "failed") {
    return (
      <Banner tone="warning" title={t("insight.backfill.failedTitle")}>
        {t("insight.backfill.failed")}
      </Banner>
    );
  }
  const percent = backfill.fraction === null ? null : Math.floor(backfill.fraction * 100);
  return (
    <Banner tone="info" title={percent === null ? t("insight.backfill.preparing") : t("insight.backfill.importing", { percent: `${percent}%` })}>
      <BlockStack gap="200">
        <ProgressBar progress={percent ?? 0} size="small" />
        <Text as="p" tone="subdued">
          {t("insight.backfill.explain", { orders: formatNumber(backfill.rows) })}
        </Text>
      </BlockStack>
    </Banner>
  );
}
