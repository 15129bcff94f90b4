// Admin: the reward catalogue. What shoppers can spend points on, how much each costs and how often it was redeemed.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { Badge, BlockStack, Button, Card, DataTable, EmptyState, InlineStack, Layout, Page, Text } from "@shopify/polaris";
import { z } from "zod";
import { authenticate } from "~/shopify.server";
import { staffActor } from "~/lib/staff.server";
import { archiveReward, listRewards } from "~/models/rewards.server";
import { REWARD_KIND_LABELS, type RewardKind } from "~/loyalty/rewards";
import { RouteErrorBoundary } from "~/components/RouteErrorBoundary";
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
  const parsed = archiveSchema.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success) return json({ ok: false }, { status: 400 });
  return json({ ok: await archiveReward(session.shop, await staffActor(sessionToken, session.shop), parsed.data.id) });
}

export default function RewardCatalogue() {
  const { rewards } = useLoaderData<typeof loader>();
  const rows = rewards.map((r) => [
    <Link key={r.id} to={`/app/rewards/${r.id}`}>
      {r.name}
    </Link>,
    REWARD_KIND_LABELS[r.kind],
    formatNumber(r.pointsCost),
    r.enabled ? <Badge tone="success">Active</Badge> : <Badge>Off</Badge>,
    formatNumber(r.redeemed),
    <Form key={`archive-${r.id}`} method="post">
      <input type="hidden" name="intent" value="archive" />
      <input type="hidden" name="id" value={r.id} />
      <Button submit variant="plain" tone="critical">
        Archive
      </Button>
    </Form>,
  ]);
  return (
    <Page title="Rewards" primaryAction={{ content: "Add reward", url: "/app/rewards/new" }} secondaryActions={[{ content: "Redemptions", url: "/app/redemptions" }, { content: "Donations", url: "/app/donations" }]}>
      <Layout>
        <Layout.Section>
          <Card padding="0">
            {rewards.length ? (
              <DataTable
                columnContentTypes={["text", "text", "numeric", "text", "numeric", "text"]}
                headings={["Reward", "Type", "Points", "Status", "Redeemed", ""]}
                rows={rows}
              />
            ) : (
              <EmptyState heading="Give members something to spend points on" action={{ content: "Add reward", url: "/app/rewards/new" }} image="">
                <p>Amounts off, free shipping, free products, store credit or donations to a cause.</p>
              </EmptyState>
            )}
          </Card>
        </Layout.Section>
        <Layout.Section variant="oneThird">
          <Card>
            <BlockStack gap="200">
              <Text as="h2" variant="headingSm">
                How redemption works
              </Text>
              <Text as="p" tone="subdued">
                Members spend points in the storefront widget and get a single-use discount code only they can use. Unused codes can be
                cancelled by the member for their points. Points spent on a code used in an order that is later refunded are not returned
                automatically; return them from Redemptions.
              </Text>
              <InlineStack>
                <Button url="/app/redemptions">See redemptions</Button>
              </InlineStack>
            </BlockStack>
          </Card>
        </Layout.Section>
      </Layout>
    </Page>
  );
}

export function ErrorBoundary() {
  return <RouteErrorBoundary title="Rewards" />;
}
