// Admin: the background jobs (scheduled runs on pg-boss) and this shop's dead-lettered webhook deliveries,
// with a Retry for each failed one. On the controllable clock (sandbox), staff can also move time forward.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { Badge, Banner, BlockStack, Button, Card, DataTable, InlineStack, Layout, Page, Text } from "@shopify/polaris";
import { z } from "zod";
import { authenticate } from "~/shopify.server";
import { t } from "~/platform/i18n";
import { clockIsControllable } from "~/platform/clock.server";
import { jobsOverview } from "~/platform/jobs/overview.server";
import { advanceClockAndRunDue, retryRun } from "~/platform/jobs/scheduler.server";
import { schedules } from "~/platform/jobs/schedules.server";
import { retryDeadDelivery } from "~/platform/webhooks/deliveries.server";
import { RouteErrorBoundary } from "~/components/RouteErrorBoundary";
import { formatDateTime, formatNumber } from "~/components/format";

export async function loader({ request }: LoaderFunctionArgs) {
  const { session } = await authenticate.admin(request);
  return json({ ...(await jobsOverview(session.shop, schedules())), controllableClock: clockIsControllable() });
}

const actionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("retry-run"), job: z.string().min(1).max(100), dueAt: z.string().datetime() }),
  z.object({ intent: z.literal("retry-delivery"), id: z.string().regex(/^\d{1,19}$/) }),
  z.object({
    intent: z.literal("advance-clock"),
    hours: z.coerce
      .number()
      .int()
      .min(1)
      .max(24 * 31),
  }),
]);

export async function action({ request }: ActionFunctionArgs) {
  const { session } = await authenticate.admin(request);
  const parsed = actionSchema.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success) return json({ ok: false as const, code: "invalid_request" }, { status: 400 });
  const input = parsed.data;
  if (input.intent === "retry-run") {
    const retried = await retryRun(input.job, new Date(input.dueAt));
    return json(retried ? { ok: true as const, code: "run_retried" } : { ok: false as const, code: "not_retryable" }, { status: retried ? 200 : 409 });
  }
  if (input.intent === "retry-delivery") {
    const retried = await retryDeadDelivery(session.shop, input.id);
    return json(retried ? { ok: true as const, code: "delivery_retried" } : { ok: false as const, code: "not_retryable" }, { status: retried ? 200 : 409 });
  }
  if (!clockIsControllable()) return json({ ok: false as const, code: "clock_not_controllable" }, { status: 409 });
  // Waits up to 30 s; a long backlog of due runs finishes in the background.
  await advanceClockAndRunDue(schedules(), input.hours * 3_600_000, 30_000).catch(() => undefined);
  return json({ ok: true as const, code: "clock_advanced" });
}

const TONES: Record<string, "success" | "info" | "critical" | "attention" | undefined> = {
  completed: "success",
  running: "info",
  queued: "info",
  retrying: "attention",
  dead: "critical",
};

function RetryButton({ fields }: { fields: Record<string, string> }) {
  return (
    <Form method="post">
      {Object.entries(fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <Button submit size="slim">
        {t("jobs.retry")}
      </Button>
    </Form>
  );
}

export default function Jobs() {
  const { jobs, deliveries, now, controllableClock } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const jobRows = jobs.map((job) => [
    <BlockStack key={job.name} gap="050">
      <Text as="span" fontWeight="semibold">
        {t(`jobs.names.${job.name}`)}
      </Text>
      <Text as="span" tone="subdued" variant="bodySm">
        {job.cron}
      </Text>
    </BlockStack>,
    job.lastRun ? formatDateTime(job.lastRun.dueAt) : t("jobs.never"),
    job.lastRun ? <Badge tone={TONES[job.lastRun.status]}>{t(`jobs.status.${job.lastRun.status}`)}</Badge> : "",
    job.nextRunAt ? formatDateTime(job.nextRunAt) : "",
    job.failing ? t("jobs.failing", { count: formatNumber(job.failing), error: job.lastError ?? "" }) : t("jobs.noFailures"),
  ]);
  const deadRuns = jobs.flatMap((job) =>
    job.dead.map((run) => [
      t(`jobs.names.${job.name}`),
      formatDateTime(run.dueAt),
      formatNumber(run.attempts),
      run.lastError ?? "",
      <RetryButton key={`${job.name}-${run.dueAt}`} fields={{ intent: "retry-run", job: job.name, dueAt: run.dueAt }} />,
    ]),
  );
  const deliveryRows = deliveries.deliveries.map((d) => [
    d.topic,
    formatDateTime(d.receivedAt),
    formatNumber(d.attempts),
    d.lastError ?? "",
    <RetryButton key={d.id} fields={{ intent: "retry-delivery", id: d.id }} />,
  ]);
  return (
    <Page title={t("jobs.title")} subtitle={t("jobs.subtitle", { now: formatDateTime(now) })}>
      <Layout>
        {result ? (
          <Layout.Section>
            <Banner tone={result.ok ? "success" : "critical"}>{t(`jobs.results.${result.code}`)}</Banner>
          </Layout.Section>
        ) : null}
        <Layout.Section>
          <Card padding="0">
            <DataTable
              columnContentTypes={["text", "text", "text", "text", "text"]}
              headings={[t("jobs.columns.job"), t("jobs.columns.lastRun"), t("jobs.columns.status"), t("jobs.columns.nextRun"), t("jobs.columns.failures")]}
              rows={jobRows}
            />
          </Card>
        </Layout.Section>
        <Layout.Section>
          <Card>
            <BlockStack gap="300">
              <Text as="h2" variant="headingMd">
                {t("jobs.deadRuns.title")}
              </Text>
              {deadRuns.length ? (
                <DataTable
                  columnContentTypes={["text", "text", "numeric", "text", "text"]}
                  headings={[t("jobs.columns.job"), t("jobs.columns.dueAt"), t("jobs.columns.attempts"), t("jobs.columns.error"), ""]}
                  rows={deadRuns}
                />
              ) : (
                <Text as="p" tone="subdued">
                  {t("jobs.deadRuns.empty")}
                </Text>
              )}
            </BlockStack>
          </Card>
        </Layout.Section>
        <Layout.Section>
          <Card>
            <BlockStack gap="300">
              <Text as="h2" variant="headingMd">
                {t("jobs.deliveries.title", { count: formatNumber(deliveries.count) })}
              </Text>
              {deliveryRows.length ? (
                <DataTable
                  columnContentTypes={["text", "text", "numeric", "text", "text"]}
                  headings={[t("jobs.columns.topic"), t("jobs.columns.received"), t("jobs.columns.attempts"), t("jobs.columns.error"), ""]}
                  rows={deliveryRows}
                />
              ) : (
                <Text as="p" tone="subdued">
                  {t("jobs.deliveries.empty")}
                </Text>
              )}
            </BlockStack>
          </Card>
        </Layout.Section>
        {controllableClock ? (
          <Layout.Section>
            <Card>
              <BlockStack gap="300">
                <Text as="h2" variant="headingMd">
                  {t("jobs.clock.title")}
                </Text>
                <Text as="p">{t("jobs.clock.explain")}</Text>
                <InlineStack gap="200">
                  {[1, 24, 24 * 7].map((hours) => (
                    <Form key={hours} method="post">
                      <input type="hidden" name="intent" value="advance-clock" />
                      <input type="hidden" name="hours" value={hours} />
                      <Button submit>{t("jobs.clock.advance", { hours })}</Button>
                    </Form>
                  ))}
                </InlineStack>
              </BlockStack>
            </Card>
          </Layout.Section>
        ) : null}
      </Layout>
    </Page>
  );
}

export function ErrorBoundary() {
  return <RouteErrorBoundary title={t("jobs.title")} />;
}
