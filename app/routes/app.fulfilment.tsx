// Admin: experiential rewards to deliver. Each redemption of an experience is a task staff book, complete, or
// cancel (which returns the member's points once).
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { Banner, Button, Card, InlineStack, Layout, Page, Select, TextField } from "@shopify/polaris";
import { useState } from "react";
import { z } from "zod";
import { authenticate } from "~/shopify.server";
import { readFormFields, readSearchParams } from "~/platform/form-body.server";
import { staffActor } from "~/platform/staff.server";
import { statusFor } from "~/platform/errors";
import { adminErrorMessage } from "~/platform/error-response.server";
import { bookFulfilmentTask, closeFulfilmentTask, listFulfilmentTasks } from "~/rewards/fulfilment.server";
// The statuses from the pure module: the browser bundle has no .server code.
import { FULFILMENT_STATUSES, type FulfilmentStatus } from "~/rewards/fulfilment";
import { RouteErrorBoundary } from "~/components/RouteErrorBoundary";
import { TableCard } from "~/components/TableCard";
import { StatusBadge } from "~/components/StatusBadge";
import { formatDate, formatDateTime, formatNumber } from "~/components/format";
import { t } from "~/platform/i18n";

export async function loader({ request }: LoaderFunctionArgs) {
  const { session } = await authenticate.admin(request);
  const status = readSearchParams(request).get("status") ?? "open";
  const valid = (FULFILMENT_STATUSES as readonly string[]).includes(status) ? (status as FulfilmentStatus) : undefined;
  return json({ tasks: await listFulfilmentTasks(session.shop, valid) });
}

const actionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.enum(["complete", "cancel"]), id: z.string().min(1) }).strict(),
  z
    .object({
      intent: z.literal("book"),
      id: z.string().min(1),
      bookedFor: z.union([z.literal(""), z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "Enter a date")]),
    })
    .strict(),
]);

export async function action({ request }: ActionFunctionArgs) {
  const { session, sessionToken } = await authenticate.admin(request);
  const parsed = actionSchema.safeParse(await readFormFields(request));
  if (!parsed.success) return json({ ok: false as const, message: t("fulfilment.invalid") }, { status: 400 });
  const actor = await staffActor(sessionToken, session.shop);
  const input = parsed.data;
  const result =
    input.intent === "book"
      ? await bookFulfilmentTask(session.shop, input.id, input.bookedFor ? new Date(`${input.bookedFor}T00:00:00Z`) : null, actor)
      : await closeFulfilmentTask(session.shop, input.id, input.intent === "complete" ? "completed" : "cancelled", actor);
  if (!result.ok) return json({ ok: false as const, message: adminErrorMessage(result) }, { status: statusFor(result.code) });
  const message =
    input.intent === "book"
      ? t("fulfilment.booked")
      : input.intent === "complete"
        ? t("fulfilment.completed")
        : t("fulfilment.cancelled", { count: result.pointsReturned });
  return json({ ok: true as const, message });
}

function BookForm({ id, bookedFor }: { id: string; bookedFor: string | null }) {
  const [value, setValue] = useState(bookedFor ? bookedFor.slice(0, 10) : "");
  return (
    <Form method="post">
      <input type="hidden" name="intent" value="book" />
      <input type="hidden" name="id" value={id} />
      <InlineStack gap="200" blockAlign="center" wrap={false}>
        <TextField label={t("fulfilment.bookedFor")} labelHidden type="date" name="bookedFor" value={value} onChange={setValue} autoComplete="off" />
        <Button submit size="slim">
          {t("fulfilment.book")}
        </Button>
      </InlineStack>
    </Form>
  );
}

function CloseButton({ id, intent }: { id: string; intent: "complete" | "cancel" }) {
  return (
    <Form method="post">
      <input type="hidden" name="intent" value={intent} />
      <input type="hidden" name="id" value={id} />
      <Button submit size="slim" tone={intent === "cancel" ? "critical" : undefined}>
        {t(`fulfilment.${intent}`)}
      </Button>
    </Form>
  );
}

export default function Fulfilment() {
  const { tasks } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const [params, setParams] = useSearchParams();
  const rows = tasks.map((task) => [
    formatDateTime(task.bookedAt),
    <Link key={`m-${task.id}`} to={`/app/members/${task.memberId}`}>
      {task.memberName ?? task.email ?? task.customerId}
    </Link>,
    task.what,
    formatNumber(task.points),
    <StatusBadge key={`s-${task.id}`} kind="fulfilment" status={task.status} />,
    task.status === "open" ? <BookForm key={`b-${task.id}`} id={task.id} bookedFor={task.bookedFor} /> : task.bookedFor ? formatDate(task.bookedFor) : "",
    task.status === "open" ? (
      <InlineStack key={`a-${task.id}`} gap="200" wrap={false}>
        <CloseButton id={task.id} intent="complete" />
        <CloseButton id={task.id} intent="cancel" />
      </InlineStack>
    ) : (
      formatDateTime((task.completedAt ?? task.cancelledAt) as string)
    ),
  ]);
  return (
    <Page title={t("nav.fulfilment")}>
      <Layout>
        {result ? (
          <Layout.Section>
            <Banner tone={result.ok ? "success" : "critical"}>{result.message}</Banner>
          </Layout.Section>
        ) : null}
        <Layout.Section>
          <Card>
            <Select
              label={t("fulfilment.columns.status")}
              labelInline
              options={[{ label: t("fulfilment.all"), value: "all" }, ...FULFILMENT_STATUSES.map((s) => ({ label: t(`fulfilment.status.${s}`), value: s }))]}
              value={params.get("status") ?? "open"}
              onChange={(value) => setParams({ status: value })}
            />
          </Card>
        </Layout.Section>
        <Layout.Section>
          <TableCard
            columnContentTypes={["text", "text", "text", "numeric", "text", "text", "text"]}
            headings={(["bookedAt", "member", "what", "points", "status", "bookedFor", "done"] as const).map((c) => t(`fulfilment.columns.${c}`))}
            rows={rows}
            empty={{
              heading: t("fulfilment.emptyTitle"),
              body: t("fulfilment.emptyText"),
              action: { content: t("fulfilment.emptyAction"), url: "/app/rewards/new" },
            }}
          />
        </Layout.Section>
      </Layout>
    </Page>
  );
}

export function ErrorBoundary() {
  return <RouteErrorBoundary title={t("nav.fulfilment")} />;
}
