// The activity log: every staff and settings action with who did it and what changed; filter by action,
// person and dates; export the filtered log as CSV.
import { useState } from "react";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useLoaderData, useLocation } from "@remix-run/react";
import { BlockStack, Box, Button, Card, DataTable, InlineGrid, Link, Page, Select, Text, TextField } from "@shopify/polaris";
import { authenticate } from "~/shopify.server";
import { listActivity } from "~/models/activity.server";
import { parseActivityQuery } from "~/loyalty/activity-filters";
import { EmptyCard } from "~/components/EmptyCard";
import { KeysetPagination } from "~/components/KeysetPagination";
import { RouteErrorBoundary } from "~/components/RouteErrorBoundary";
import { CsvDownloadButton } from "~/components/CsvDownloadButton";
import { formatDateTime } from "~/components/format";
import { t } from "~/lib/i18n";

export async function loader({ request }: LoaderFunctionArgs) {
  const { session } = await authenticate.admin(request);
  const query = parseActivityQuery(new URL(request.url).searchParams);
  const page = await listActivity(session.shop, query);
  return json({ query, ...page });
}

const actionLabel = (action: string) => {
  const label = t(`activity.actions.${action.replace(/\./g, "_")}`);
  return label.startsWith("activity.") ? action : label;
};

function describe(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (typeof value !== "object") return String(value);
  return Object.entries(value as Record<string, unknown>)
    .map(([k, v]) => `${k}: ${typeof v === "object" && v !== null ? JSON.stringify(v) : String(v)}`)
    .join(", ");
}

function Details({ before, after, reason }: { before: unknown; after: unknown; reason: string | null }) {
  const b = before && typeof before === "object" ? (before as Record<string, unknown>) : null;
  const a = after && typeof after === "object" ? (after as Record<string, unknown>) : null;
  return (
    <BlockStack gap="050">
      {reason ? <Text as="span">{reason}</Text> : null}
      {b && a
        ? Object.keys(a).map((key) => (
            <Text as="span" variant="bodySm" key={key}>
              {key}: <s>{describe(b[key])}</s> → <b>{describe(a[key])}</b>
            </Text>
          ))
        : a
          ? (
              <Text as="span" variant="bodySm" tone="subdued">
                {describe(a)}
              </Text>
            )
          : null}
    </BlockStack>
  );
}

export default function Activity() {
  const { query, events, nextCursor, actions, actors } = useLoaderData<typeof loader>();
  const location = useLocation();
  const [action, setAction] = useState(query.action);
  const [actor, setActor] = useState(query.actor);
  const [from, setFrom] = useState(query.from ?? "");
  const [to, setTo] = useState(query.to ?? "");
  const filtered = !!(query.action || query.actor || query.from || query.to);
  const exportUrl = `/app/activity/export${location.search}`;
  return (
    <Page
      title={t("activity.title")}
      subtitle={t("activity.subtitle")}
      backAction={{ url: "/app" }}
      primaryAction={<CsvDownloadButton url={exportUrl} fileName="loyalist-activity.csv" label={t("common.export")} />}
    >
      {!events.length && !filtered ? (
        <EmptyCard heading={t("activity.emptyTitle")} action={{ content: t("nav.settings"), url: "/app/settings" }}>
          {t("activity.emptyBody")}
        </EmptyCard>
      ) : (
        <Card padding="0">
          <Box padding="400">
            <Form method="get">
              <InlineGrid columns={{ xs: 1, md: "2fr 2fr 1fr 1fr auto" }} gap="300" alignItems="end">
                <Select
                  label={t("activity.action")}
                  name="action"
                  options={[{ label: t("activity.allActions"), value: "" }, ...actions.map((a) => ({ label: actionLabel(a), value: a }))]}
                  value={action}
                  onChange={setAction}
                />
                <Select
                  label={t("activity.actor")}
                  name="actor"
                  options={[{ label: t("activity.allActors"), value: "" }, ...actors.map((a) => ({ label: a, value: a }))]}
                  value={actor}
                  onChange={setActor}
                />
                <TextField label={t("activity.from")} name="from" type="date" value={from} onChange={setFrom} autoComplete="off" />
                <TextField label={t("activity.to")} name="to" type="date" value={to} onChange={setTo} autoComplete="off" />
                <Button submit>{t("activity.filter")}</Button>
              </InlineGrid>
            </Form>
          </Box>
          {events.length ? (
            <DataTable
              columnContentTypes={["text", "text", "text", "text", "text"]}
              headings={[t("activity.when"), t("activity.actor"), t("activity.action"), t("activity.subject"), t("activity.details")]}
              verticalAlign="top"
              rows={events.map((e) => [
                formatDateTime(e.createdAt),
                e.actor,
                actionLabel(e.action),
                e.subjectType === "member" && e.subjectId ? (
                  <Link url={`/app/members/${e.subjectId}`}>{e.subjectType}</Link>
                ) : (
                  e.subjectType ?? "—"
                ),
                <Details key={e.id} before={e.before} after={e.after} reason={e.reason} />,
              ])}
            />
          ) : (
            <Box padding="400">
              <Text as="p" tone="subdued">
                {t("activity.noResults")}
              </Text>
            </Box>
          )}
          <KeysetPagination nextCursor={nextCursor} previousCursor={query.after ? "" : null} />
        </Card>
      )}
    </Page>
  );
}

export function ErrorBoundary() {
  return <RouteErrorBoundary title={t("activity.title")} backUrl="/app" />;
}
