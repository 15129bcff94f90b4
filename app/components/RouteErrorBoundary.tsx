// The admin's per-route ErrorBoundary: a banner that says what went wrong and what to do next.
import { isRouteErrorResponse, useRouteError } from "@remix-run/react";
import { Banner, BlockStack, Layout, Page, Text } from "@shopify/polaris";
import { t } from "~/platform/i18n";

export function RouteErrorBoundary({ title, backUrl }: { title?: string; backUrl?: string }) {
  const error = useRouteError();
  const notFound = isRouteErrorResponse(error) && error.status === 404;
  const detail = isRouteErrorResponse(error) ? (typeof error.data === "string" ? error.data : error.statusText) : error instanceof Error ? error.message : "";
  return (
    <Page title={title} backAction={backUrl ? { url: backUrl } : undefined}>
      <Layout>
        <Layout.Section>
          <Banner
            tone="critical"
            title={notFound ? t("common.notFoundTitle") : t("common.errorTitle")}
            action={
              notFound && backUrl ? { content: t("common.backToMembers"), url: backUrl } : { content: t("common.reload"), onAction: () => location.reload() }
            }
          >
            <BlockStack gap="200">
              <p>{notFound ? t("common.notFoundNext") : t("common.errorNext")}</p>
              {detail ? (
                <Text as="p" tone="subdued" variant="bodySm">
                  {detail}
                </Text>
              ) : null}
            </BlockStack>
          </Banner>
        </Layout.Section>
      </Layout>
    </Page>
  );
}
