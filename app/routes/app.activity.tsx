// The activity log: every staff and settings action with who did it and what changed; filter by action,
// person and dates; export the filtered log as CSV.
import { useState } from "react";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useLoaderData, useLocation } from "@remix-run/react";
import { BlockStack, Box, Button, Card, DataTable, InlineGrid, Link, Page, Select, Text, TextField } from "@shopify/polaris";
import { authenticate } from "~/shopify.server";
import { readSearchParams } from "~/platform/form-body.server";
import { activityNames, listActivity } from "~/ledger/activity.server";
import { actorName, describeActivity, type ActivityText, type Phrase } from "~/ledger/activity-text";
import { parseActivityQuery } from "~/ledger/activity-filters";
import { EmptyCard } from "~/components/EmptyCard";
import { KeysetPagination } from "~/components/KeysetPagination";
import { RouteErrorBoundary } from "~/components/RouteErrorBoundary";
import { CsvDownloadButton } from "~/components/CsvDownloadButton";
import { formatDateTime, formatNumber } from "~/components/format";
import { t } from "~/platform/i18n";

export async function loader({ request }: LoaderFunctionArgs) {
  const { session } = await authenticate.admin(request);
  const query = parseActivityQuery(readSearchParams(request));
  const page = await listActivity(session.shop, query);
  return json({ query, ...page, names: await activityNames(session.shop, page.events) });
}

/** An action's name for the filter ("Settings changed"); the log itself speaks in sentences. */
const actionLabel = (action: string) => {
  const label = t(`activity.actions.${action.replace(/\./g, "_")}`);
  return label.startsWith("activity.") ? t("activity.actions.other") : label;
};

/** A phrase in words, its phrase values worded first; numbers as the viewer writes them (a count picks the plural form). */
function words(phrase: Phrase, skip: string[] = []): string {
  const values: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(phrase.values ?? {})) {
    if (skip.includes(name)) continue;
    values[name] = typeof value === "object" ? words(value) : typeof value === "number" && name !== "count" ? formatNumber(value) : value;
  }
  return t(phrase.key, values);
}

/** The event's sentence, the member's name linked to their page. */
function Sentence({ text }: { text: ActivityText }) {
  if (!text.memberId) return <Text as="span">{words(text.sentence)}</Text>;
  const parts = words(text.sentence, ["member"]).split(/(\{member\})/);
  const name = String(text.sentence.values?.member ?? "");
  return (
    <Text as="span">
      {parts.map((part, i) =>
        part === "{member}" ? (
          <Link key={i} url={`/app/members/${text.memberId}`}>
            {name}
          </Link>
        ) : (
          part
        ),
      )}
    </Text>
  );
}

export default function Activity() {
  const { query, events, nextCursor, actions, actors, names } = useLoaderData<typeof loader>();
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
                  options={[{ label: t("activity.allActors"), value: "" }, ...actors.map((a) => ({ label: actorName(a), value: a }))]}
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
              columnContentTypes={["text", "text", "text"]}
              headings={[t("activity.when"), t("activity.what"), t("activity.details")]}
              verticalAlign="top"
              rows={events.map((e) => {
                const text = describeActivity(e, names);
                return [
                  <Text as="span" key="when" tone="subdued">
                    {formatDateTime(e.createdAt)}
                  </Text>,
                  <Sentence key="what" text={text} />,
                  <BlockStack key="details" gap="050">
                    {text.details.map((d, i) => (
                      <Text as="span" variant="bodySm" key={i}>
                        {words(d)}
                      </Text>
                    ))}
                  </BlockStack>,
                ];
              })}
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
  return <RouteErrorBoundary title={t("activity.title")} />;
}
