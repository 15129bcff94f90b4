// Admin: the reward catalogue. What shoppers can spend points on, how much each costs and how often it was redeemed.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { Badge, BlockStack, Button, Card, InlineStack, Layout, Page, Text } from "@shopify/polaris";
import { z } from "zod";
import { authenticate } from "~/shopify.server";
import { readFormFields } from "~/platform/form-body.server";
import { staffActor } from "~/platform/staff.server";
import { archiveReward, listRewards } from "~/rewards/rewards.server";
import type { RewardKind } from "~/rewards/rewards";
import { RouteErrorBoundary } from "~/components/RouteErrorBoundary";
import { TableCard } from "~/components/TableCard";
import { t } from "~/platform/i18n";
import { formatNumber } from "~/components/format";

export async function loader({ request }: LoaderFunctionArgs) {
  const { session } = await authenticate.admin(request);
  const rewards = await listRewards(session.shop);
  return json({
    rewards: rewards.map((r) => ({ id: r.id, name: r.name, kind: r.kind as RewardKind, pointsCost: r.pointsCost, enabled: r.enabled, redeemed: r.redeemed })),
  });
}

const archiveSchema = z.object({ intent: z.literal("archive"), id: z.string().min(1) });

export async function action({ request }: ActionFunctionArgs) {
  const { session, sessionToken } = await authenticate.admin(request);
  const parsed = archiveSchema.safeParse(await readFormFields(request));
  if (!parsed.success) return json({ ok: false }, { status: 400 });
  return json({ ok: await archiveReward(session.shop, await staffActor(sessionToken, session.shop), parsed.data.id) });
}

export default function RewardCatalogue() {
  const { rewards } = useLoaderData<typeof loader>();
  const rows = rewards.map((r) => [
    <Link key={r.id} to={`/app/rewards/${r.id}`}>
      {r.name}
    </Link>,
    t(`rewards.kinds.${r.kind}`),
    formatNumber(r.pointsCost),
    r.enabled ? <Badge tone="success">{t("rewards.active")}</Badge> : <Badge>{t("rewards.off")}</Badge>,
    formatNumber(r.redeemed),
    <Form key={`archive-${r.id}`} method="post">
      <input type="hidden" name="intent" value="archive" />
      <input type="hidden" name="id" value={r.id} />
      <Button submit variant="plain" tone="critical">
        {t("rewards.archive")}
      </Button>
    </Form>,
  ]);
  return (
    <Page
      title={t("nav.rewards")}
      primaryAction={{ content: t("rewards.add"), url: "/app/rewards/new" }}
      secondaryActions={[
        { content: t("nav.redemptions"), url: "/app/redemptions" },
        { content: t("nav.donations"), url: "/app/donations" },
      ]}
    >
      <Layout>
        <Layout.Section>
          <TableCard
            columnContentTypes={["text", "text", "numeric", "text", "numeric", "text"]}
            headings={[
              t("rewards.columns.reward"),
              t("rewards.columns.type"),
              t("rewards.columns.points"),
              t("rewards.columns.status"),
              t("rewards.columns.redeemed"),
              "",
            ]}
            rows={rows}
            empty={{ heading: t("rewards.emptyTitle"), body: t("rewards.emptyText"), action: { content: t("rewards.add"), url: "/app/rewards/new" } }}
          />
        </Layout.Section>
        <Layout.Section variant="oneThird">
          <Card>
            <BlockStack gap="200">
              <Text as="h2" variant="headingSm">
                {t("rewards.howTitle")}
              </Text>
              <Text as="p" tone="subdued">
                {t("rewards.howText")}
              </Text>
              <InlineStack>
                <Button url="/app/redemptions">{t("rewards.seeRedemptions")}</Button>
              </InlineStack>
            </BlockStack>
          </Card>
        </Layout.Section>
      </Layout>
    </Page>
  );
}

export function ErrorBoundary() {
  return <RouteErrorBoundary title={t("nav.rewards")} />;
}
