// Admin: Ways to earn. Every action beyond purchases, what each has awarded, poll results, and the review token.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { Badge, BlockStack, Box, Button, Card, DataTable, InlineStack, Layout, Page, Text } from "@shopify/polaris";
import { z } from "zod";
import { authenticate } from "~/shopify.server";
import { readFormFields } from "~/platform/form-body.server";
import { staffActor } from "~/platform/staff.server";
import { actionsOverview, removeAction } from "~/actions/settings.server";
import { reviewToken } from "~/actions/review-token.server";
import { RouteErrorBoundary } from "~/components/RouteErrorBoundary";
import { TableCard } from "~/components/TableCard";
import { t } from "~/platform/i18n";
import { formatDate, formatNumber } from "~/components/format";
import type { ActionConfig } from "~/actions/actions";

export async function loader({ request }: LoaderFunctionArgs) {
  const { session } = await authenticate.admin(request);
  const overview = await actionsOverview(session.shop);
  return json({
    reviewToken: reviewToken(session.shop),
    actions: overview.map(({ action, awards, points, votes }) => ({
      id: action.id,
      kind: action.kind,
      title: action.title,
      points: action.points,
      limit: action.limit,
      enabled: action.enabled,
      startsAt: action.startsAt?.toISOString() ?? null,
      endsAt: action.endsAt?.toISOString() ?? null,
      awards,
      awardedPoints: points,
      poll: action.kind === "poll" ? { ...(action.config as ActionConfig["poll"]), votes } : null,
    })),
  });
}

const removeSchema = z.object({ intent: z.literal("remove"), id: z.string().min(1).max(100) }).strict();

export async function action({ request }: ActionFunctionArgs) {
  const { session, sessionToken } = await authenticate.admin(request);
  const parsed = removeSchema.safeParse(await readFormFields(request));
  if (!parsed.success) return json({ ok: false }, { status: 400 });
  const result = await removeAction(session.shop, await staffActor(sessionToken, session.shop), parsed.data.id);
  return json({ ok: result !== "not_found", result }, { status: result === "not_found" ? 404 : 200 });
}

export default function WaysToEarn() {
  const { actions, reviewToken } = useLoaderData<typeof loader>();
  const period = (a: (typeof actions)[number]) =>
    a.startsAt || a.endsAt ? `${a.startsAt ? formatDate(a.startsAt) : "…"} – ${a.endsAt ? formatDate(a.endsAt) : "…"}` : t("actions.always");
  const rows = actions.map((a) => [
    <Link key={a.id} to={`/app/actions/${a.id}`}>
      {a.title}
    </Link>,
    t(`actions.kinds.${a.kind}`),
    formatNumber(a.points),
    t(`actions.limits.${a.limit}`),
    period(a),
    a.enabled ? <Badge tone="success">{t("actions.active")}</Badge> : <Badge>{t("actions.off")}</Badge>,
    formatNumber(a.awards),
    <Form key={`remove-${a.id}`} method="post">
      <input type="hidden" name="intent" value="remove" />
      <input type="hidden" name="id" value={a.id} />
      <Button submit variant="plain" tone="critical">
        {a.awards ? t("actions.turnOff") : t("actions.delete")}
      </Button>
    </Form>,
  ]);
  const polls = actions.filter((a) => a.poll);
  return (
    <Page title={t("nav.actions")} primaryAction={{ content: t("actions.add"), url: "/app/actions/new" }}>
      <Layout>
        <Layout.Section>
          <BlockStack gap="400">
            <TableCard
              columnContentTypes={["text", "text", "numeric", "text", "text", "text", "numeric", "text"]}
              headings={[
                t("actions.columns.action"),
                t("actions.columns.kind"),
                t("actions.columns.points"),
                t("actions.columns.limit"),
                t("actions.columns.period"),
                t("actions.columns.status"),
                t("actions.columns.awards"),
                "",
              ]}
              rows={rows}
              empty={{ heading: t("actions.emptyTitle"), body: t("actions.emptyText"), action: { content: t("actions.add"), url: "/app/actions/new" } }}
            />
            {polls.map((a) => {
              const total = Object.values(a.poll!.votes).reduce((sum, n) => sum + n, 0);
              return (
                <Card key={`poll-${a.id}`}>
                  <BlockStack gap="200">
                    <Text as="h2" variant="headingSm">
                      {t("actions.pollResults", { title: a.title })}
                    </Text>
                    <Text as="p">{a.poll!.question}</Text>
                    <DataTable
                      columnContentTypes={["text", "numeric", "numeric"]}
                      headings={[t("actions.columns.option"), t("actions.columns.votes"), t("actions.columns.share")]}
                      rows={a.poll!.options.map((o) => {
                        const n = a.poll!.votes[o.id] ?? 0;
                        return [o.label, formatNumber(n), total ? `${Math.round((n / total) * 100)}%` : "—"];
                      })}
                    />
                  </BlockStack>
                </Card>
              );
            })}
            <Card>
              <BlockStack gap="200">
                <Text as="h2" variant="headingSm">
                  {t("actions.reviewTitle")}
                </Text>
                <Text as="p" tone="subdued">
                  {t("actions.reviewText")}
                </Text>
                <Box background="bg-surface-secondary" padding="200" borderRadius="100">
                  <Text as="p" variant="bodySm" breakWord>
                    {reviewToken}
                  </Text>
                </Box>
                <InlineStack>
                  <Text as="p" variant="bodySm" tone="subdued">
                    {t("actions.reviewHow")}
                  </Text>
                </InlineStack>
              </BlockStack>
            </Card>
          </BlockStack>
        </Layout.Section>
      </Layout>
    </Page>
  );
}

export function ErrorBoundary() {
  return <RouteErrorBoundary title={t("nav.actions")} />;
}
