// Admin: every redemption with its status and code; staff return the points of a used code (e.g. a refunded order).
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { Banner, Button, Card, Layout, Page, Select } from "@shopify/polaris";
import { z } from "zod";
import { authenticate } from "~/shopify.server";
import { readFormFields, readSearchParams } from "~/platform/form-body.server";
import { staffActor } from "~/platform/staff.server";
import { statusFor } from "~/platform/errors";
import { adminErrorMessage } from "~/platform/error-response.server";
import { listRedemptionsForAdmin, returnRedemptionPoints } from "~/rewards/redemptions.server";
import { REDEMPTION_STATUSES } from "~/rewards/rewards";
import { RouteErrorBoundary } from "~/components/RouteErrorBoundary";
import { TableCard } from "~/components/TableCard";
import { StatusBadge } from "~/components/StatusBadge";
import { OrderLink } from "~/components/OrderLink";
import { formatDateTime, formatMoney, formatNumber } from "~/components/format";
import { t } from "~/platform/i18n";

export async function loader({ request }: LoaderFunctionArgs) {
  const { session } = await authenticate.admin(request);
  const status = readSearchParams(request).get("status") ?? "";
  const valid = (REDEMPTION_STATUSES as readonly string[]).includes(status) ? status : undefined;
  return json({ status: valid ?? "", redemptions: await listRedemptionsForAdmin(session.shop, { status: valid }) });
}

const returnSchema = z.object({
  intent: z.literal("return"),
  id: z.string().min(1),
  reason: z.string().trim().min(3, "Give a reason").max(300),
});

export async function action({ request }: ActionFunctionArgs) {
  const { session, sessionToken } = await authenticate.admin(request);
  const parsed = returnSchema.safeParse(await readFormFields(request));
  if (!parsed.success) return json({ ok: false as const, message: parsed.error.issues[0].message }, { status: 400 });
  const result = await returnRedemptionPoints(session.shop, await staffActor(sessionToken, session.shop), parsed.data.id, parsed.data.reason);
  if (!result.ok) return json({ ok: false as const, message: adminErrorMessage(result) }, { status: statusFor(result.code) });
  return json({ ok: true as const, message: t("redemptions.returned", { count: result.points }) });
}

export default function Redemptions() {
  const { status, redemptions } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const [params, setParams] = useSearchParams();
  const rows = redemptions.map((r) => [
    formatDateTime(r.createdAt),
    r.member,
    r.rewardName,
    r.code ?? (r.cause ? t("redemptions.donation", { cause: r.cause.name }) : t("common.never")),
    <StatusBadge key={`s-${r.id}`} kind="redemption" status={r.status} />,
    formatNumber(r.points),
    r.valueMinor ? formatMoney(r.valueMinor, r.currency) : "",
    r.usedOrderId ? <OrderLink key={`o-${r.id}`} orderId={r.usedOrderId} name={r.usedOrderName} /> : (r.lastError ?? ""),
    r.staffMayReturn ? (
      <Form key={`return-${r.id}`} method="post">
        <input type="hidden" name="intent" value="return" />
        <input type="hidden" name="id" value={r.id} />
        <input type="hidden" name="reason" value={t("redemptions.refundedReason")} />
        <Button submit size="slim">
          {t("redemptions.returnPoints")}
        </Button>
      </Form>
    ) : r.pointsReturned ? (
      t("redemptions.pointsReturned")
    ) : (
      ""
    ),
  ]);
  return (
    <Page title={t("nav.redemptions")}>
      <Layout>
        {result ? (
          <Layout.Section>
            <Banner tone={result.ok ? "success" : "critical"}>{result.message}</Banner>
          </Layout.Section>
        ) : null}
        <Layout.Section>
          <Card>
            <Select
              label={t("redemptions.columns.status")}
              labelInline
              options={[
                { label: t("redemptions.allStatuses"), value: "" },
                ...REDEMPTION_STATUSES.map((s) => ({ label: t(`redemptions.status.${s}`), value: s })),
              ]}
              value={params.get("status") ?? ""}
              onChange={(value) => setParams(value ? { status: value } : {})}
            />
          </Card>
        </Layout.Section>
        <Layout.Section>
          <TableCard
            columnContentTypes={["text", "text", "text", "text", "text", "numeric", "numeric", "text", "text"]}
            headings={(["when", "member", "reward", "code", "status", "points", "value", "orderOrNote"] as const)
              .map((c) => t(`redemptions.columns.${c}`))
              .concat("")}
            rows={rows}
            empty={
              status
                ? {
                    heading: t("redemptions.noneWithStatus", { status: t(`redemptions.status.${status}`) }),
                    body: t("redemptions.noneWithStatusText"),
                    action: { content: t("redemptions.showAll"), url: "/app/redemptions" },
                  }
                : {
                    heading: t("redemptions.emptyTitle"),
                    body: t("redemptions.emptyText"),
                    action: { content: t("redemptions.emptyAction"), url: "/app/rewards/new" },
                  }
            }
          />
        </Layout.Section>
      </Layout>
    </Page>
  );
}

export function ErrorBoundary() {
  return <RouteErrorBoundary title={t("nav.redemptions")} />;
}
