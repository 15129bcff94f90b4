// Admin: every redemption with its status and code; staff return the points of a used code (e.g. a refunded order).
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { Badge, Banner, Button, Card, DataTable, EmptyState, Layout, Page, Select } from "@shopify/polaris";
import { z } from "zod";
import { authenticate } from "~/shopify.server";
import { staffActor } from "~/lib/staff.server";
import { listRedemptionsForAdmin, returnRedemptionPoints } from "~/models/redemptions.server";
import { REDEMPTION_STATUSES } from "~/loyalty/rewards";
import { RouteErrorBoundary } from "~/components/RouteErrorBoundary";
import { formatDateTime, formatMoney, formatNumber } from "~/components/format";

export async function loader({ request }: LoaderFunctionArgs) {
  const { session } = await authenticate.admin(request);
  const status = new URL(request.url).searchParams.get("status") ?? "";
  const valid = (REDEMPTION_STATUSES as readonly string[]).includes(status) ? status : undefined;
  return json({ redemptions: await listRedemptionsForAdmin(session.shop, { status: valid }) });
}

const returnSchema = z.object({
  intent: z.literal("return"),
  id: z.string().min(1),
  reason: z.string().trim().min(3, "Give a reason").max(300),
});

export async function action({ request }: ActionFunctionArgs) {
  const { session, sessionToken } = await authenticate.admin(request);
  const parsed = returnSchema.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success) return json({ ok: false as const, message: parsed.error.issues[0].message }, { status: 400 });
  const result = await returnRedemptionPoints(session.shop, await staffActor(sessionToken, session.shop), parsed.data.id, parsed.data.reason);
  if (!result.ok) return json({ ok: false as const, message: result.message }, { status: result.status });
  return json({ ok: true as const, message: `${result.points} points returned` });
}

const TONES: Record<string, "success" | "info" | "critical" | "attention" | undefined> = {
  issued: "info",
  used: "success",
  failed: "critical",
  reserved: "attention",
};

export default function Redemptions() {
  const { redemptions } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const [params, setParams] = useSearchParams();
  const rows = redemptions.map((r) => [
    formatDateTime(r.createdAt),
    r.member,
    r.rewardName,
    r.code ?? (r.cause ? `Donation: ${r.cause.name}` : "—"),
    <Badge key={r.id} tone={TONES[r.status]}>
      {r.status}
    </Badge>,
    formatNumber(r.points),
    r.valueMinor ? formatMoney(r.valueMinor, r.currency) : "",
    r.usedOrderId ? `#${r.usedOrderId}` : r.lastError ?? "",
    r.staffMayReturn ? (
      <Form key={`return-${r.id}`} method="post">
        <input type="hidden" name="intent" value="return" />
        <input type="hidden" name="id" value={r.id} />
        <input type="hidden" name="reason" value="The order that used this reward was refunded" />
        <Button submit size="slim">
          Return points
        </Button>
      </Form>
    ) : r.pointsReturned ? (
      "Points returned"
    ) : (
      ""
    ),
  ]);
  return (
    <Page title="Redemptions" backAction={{ url: "/app/rewards" }}>
      <Layout>
        {result ? (
          <Layout.Section>
            <Banner tone={result.ok ? "success" : "critical"}>{result.message}</Banner>
          </Layout.Section>
        ) : null}
        <Layout.Section>
          <Card>
            <Select
              label="Status"
              labelInline
              options={[{ label: "All", value: "" }, ...REDEMPTION_STATUSES.map((s) => ({ label: s, value: s }))]}
              value={params.get("status") ?? ""}
              onChange={(value) => setParams(value ? { status: value } : {})}
            />
          </Card>
        </Layout.Section>
        <Layout.Section>
          <Card padding="0">
            {redemptions.length ? (
              <DataTable
                columnContentTypes={["text", "text", "text", "text", "text", "numeric", "numeric", "text", "text"]}
                headings={["When", "Member", "Reward", "Code", "Status", "Points", "Value", "Order / note", ""]}
                rows={rows}
              />
            ) : (
              <EmptyState heading="No redemptions yet" image="">
                <p>Codes members redeem in the storefront widget appear here.</p>
              </EmptyState>
            )}
          </Card>
        </Layout.Section>
      </Layout>
    </Page>
  );
}

export function ErrorBoundary() {
  return <RouteErrorBoundary title="Redemptions" />;
}
