// One member: balance, pending, shortfall, lifetime, orders, redemptions and the full points history with
// reasons, sources and who did it; staff adjust the balance (with a reason) and reverse adjustments here.
import { useEffect, useMemo, useState, type FormEvent } from "react";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useFetcher, useLoaderData } from "@remix-run/react";
import {
  Badge,
  Banner,
  BlockStack,
  Box,
  Button,
  Card,
  DataTable,
  FormLayout,
  InlineGrid,
  InlineStack,
  Layout,
  Page,
  Select,
  Text,
  TextField,
  Tooltip,
} from "@shopify/polaris";
import { z } from "zod";
import { authenticate } from "~/shopify.server";
import { readFormFields, readRouteParam, readSearchParams } from "~/platform/form-body.server";
import { memberRecord } from "~/members/member-directory.server";
import { memberExpiring } from "~/expiry/expiry.server";
import { adjustBalance, reverseAdjustment } from "~/ledger/adjustments.server";
import { getShop } from "~/shops/shops.server";
import { staffActor } from "~/platform/staff.server";
import { ADJUSTMENT_REASONS, adjustmentFormSchema } from "~/ledger/adjustments";
import { fieldErrorsFromZod } from "~/platform/form-errors";
import { DEFAULT_PROGRAM } from "~/program/program";
import { KeysetPagination } from "~/components/KeysetPagination";
import { RouteErrorBoundary } from "~/components/RouteErrorBoundary";
import { formatDate, formatShortDateTime, formatMoney, formatNumber, formatSignedPoints } from "~/components/format";
import { useToast } from "~/components/toast";
import { StoreVisitCard } from "~/components/StoreVisitCard";
import { StatusBadge } from "~/components/StatusBadge";
import { OrderLink } from "~/components/OrderLink";
import { t } from "~/platform/i18n";
import { memberTierForAdmin } from "~/tiers/tiers.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { session } = await authenticate.admin(request);
  const after = readSearchParams(request).get("after") ?? undefined;
  const memberId = readRouteParam(params, "id");
  const [record, shop] = await Promise.all([memberRecord(session.shop, memberId, after), getShop(session.shop)]);
  if (!record) throw new Response("No such member in this shop", { status: 404 });
  const expiring = await memberExpiring(session.shop, record.member.id, { program: shop?.program });
  return json({
    ...record,
    expiring,
    tier: await memberTierForAdmin(session.shop, memberId),
    currency: shop?.currency ?? "USD",
    confirmAbove: (shop?.program ?? DEFAULT_PROGRAM).admin.confirmAdjustmentsAbove,
    paged: !!after,
  });
}

const reverseSchema = z.object({ intent: z.literal("reverse"), entryId: z.string().min(1).max(64) });

export async function action({ request, params }: ActionFunctionArgs) {
  const { session, sessionToken } = await authenticate.admin(request);
  const form = await readFormFields(request);
  const memberId = readRouteParam(params, "id");
  if (form.intent === "reverse") {
    const parsed = reverseSchema.safeParse(form);
    if (!parsed.success) return json({ ok: false as const, fieldErrors: fieldErrorsFromZod(parsed.error), intent: "reverse" as const }, { status: 422 });
    const result = await reverseAdjustment(session.shop, memberId, parsed.data.entryId, await staffActor(sessionToken, session.shop));
    return json({ ...result, intent: "reverse" as const }, { status: result.ok ? 200 : result.status });
  }
  const parsed = adjustmentFormSchema.safeParse(form);
  if (!parsed.success) return json({ ok: false as const, fieldErrors: fieldErrorsFromZod(parsed.error), intent: "adjust" as const }, { status: 422 });
  const result = await adjustBalance(session.shop, memberId, await staffActor(sessionToken, session.shop), parsed.data);
  return json({ ...result, intent: "adjust" as const }, { status: result.ok ? 200 : result.status });
}

type LoaderData = ReturnType<typeof useLoaderData<typeof loader>>;

export default function MemberPage() {
  const data = useLoaderData<typeof loader>();
  const { member } = data;
  const name = member.name || member.email || t("members.noName");
  return (
    <Page
      title={name}
      subtitle={[member.email, t("member.customer", { id: member.customerId })].filter(Boolean).join(" · ")}
      backAction={{ content: t("members.title"), url: "/app/members" }}
    >
      <Layout>
        <Layout.Section>
          <BlockStack gap="400">
            <Figures data={data} />
            <Expiring data={data} />
            <History data={data} />
            <Orders data={data} />
            <Redemptions data={data} />
          </BlockStack>
        </Layout.Section>
        <Layout.Section variant="oneThird">
          <BlockStack gap="400">
            <AdjustCard name={name} balance={member.balance} confirmAbove={data.confirmAbove} />
            <StoreVisitCard memberId={member.id} />
          </BlockStack>
        </Layout.Section>
      </Layout>
    </Page>
  );
}

function Figure({ label, value, help, tone }: { label: string; value: number; help?: string; tone?: "critical" }) {
  const body = (
    <BlockStack gap="100">
      <Text as="h3" variant="headingSm" tone="subdued">
        {label}
      </Text>
      <Text as="p" variant="headingLg" tone={tone}>
        {formatNumber(value)}
      </Text>
    </BlockStack>
  );
  return <Card>{help ? <Tooltip content={help}>{body}</Tooltip> : body}</Card>;
}

function Figures({ data }: { data: LoaderData }) {
  const { member } = data;
  return (
    <InlineGrid columns={{ xs: 2, md: 4 }} gap="300">
      <Figure label={t("member.balance")} value={member.balance} />
      <Figure label={t("member.pending")} value={member.pending} />
      <Figure label={t("member.lifetime")} value={member.lifetimeEarned} />
      <Figure label={t("member.shortfall")} value={member.shortfall} help={t("member.shortfallHelp")} tone={member.shortfall ? "critical" : undefined} />
      {data.tier ? <TierFigure tier={data.tier} currency={data.currency} /> : null}
    </InlineGrid>
  );
}

/** Points that will expire, soonest first, so staff can answer "when do my points go?". */
function Expiring({ data }: { data: LoaderData }) {
  if (!data.expiring.length) return null;
  return (
    <Card>
      <BlockStack gap="200">
        <Text as="h2" variant="headingMd">
          {t("member.expiring")}
        </Text>
        {data.expiring.slice(0, 5).map((e) => (
          <Text as="p" key={e.at}>
            {t("member.expiringOn", { points: formatNumber(e.points), date: formatDate(e.at) })}
          </Text>
        ))}
      </BlockStack>
    </Card>
  );
}

function TierFigure({ tier, currency }: { tier: NonNullable<LoaderData["tier"]>; currency: string }) {
  const { progress } = tier;
  const amount = (n: number) => (progress.measure === "spend" ? formatMoney(n, currency) : formatNumber(n));
  return (
    <Card>
      <BlockStack gap="100">
        <Text as="h3" variant="headingSm" tone="subdued">
          {t("tiers.memberTier")}
        </Text>
        <Text as="p" variant="headingLg">
          {tier.name ?? t("tiers.memberNoTier")}
        </Text>
        <Text as="p" tone="subdued">
          {progress.next
            ? t("tiers.memberProgress", { current: amount(progress.current), threshold: amount(progress.next.threshold), next: progress.next.name })
            : t("tiers.memberTop")}
        </Text>
      </BlockStack>
    </Card>
  );
}

function History({ data }: { data: LoaderData }) {
  const { entries, nextCursor } = data.ledger;
  return (
    <Card padding="0">
      <Box padding="400" paddingBlockEnd="200">
        <Text as="h2" variant="headingMd">
          {t("member.history")}
        </Text>
      </Box>
      {entries.length ? (
        <DataTable
          columnContentTypes={["text", "numeric", "text", "text"]}
          headings={[t("member.date"), t("member.points"), t("member.reason"), `${t("member.source")} · ${t("member.actor")}`]}
          verticalAlign="top"
          rows={entries.map((e) => [
            <Text key="d" as="span" variant="bodySm">
              {formatShortDateTime(e.occurredAt)}
            </Text>,
            <BlockStack key="p" gap="050" inlineAlign="end">
              <Text as="span" numeric fontWeight="semibold" tone={e.points < 0 ? "critical" : e.points > 0 ? "success" : undefined}>
                {formatSignedPoints(e.points)}
              </Text>
              {e.pendingPoints ? (
                <Text as="span" variant="bodySm" tone="subdued">
                  {formatSignedPoints(e.pendingPoints)} {t("member.pending").toLowerCase()}
                </Text>
              ) : null}
            </BlockStack>,
            <BlockStack key="r" gap="100">
              <InlineStack gap="200" blockAlign="center">
                <Badge tone={e.kind === "adjustment" ? "info" : e.points < 0 || e.kind === "clawback" ? "warning" : undefined}>
                  {t(`member.kinds.${e.kind}`)}
                </Badge>
                <Text as="span">{e.reason}</Text>
              </InlineStack>
              {e.note ? (
                <Text as="span" variant="bodySm" tone="subdued">
                  {e.note}
                </Text>
              ) : null}
            </BlockStack>,
            <BlockStack key="a" gap="100" inlineAlign="start">
              <Text as="span" variant="bodySm">
                {t(`member.sources.${e.source}`)}
                {e.orderId ? (
                  <>
                    {" "}
                    <OrderLink orderId={e.orderId} name={e.orderName} />
                  </>
                ) : null}
              </Text>
              {e.actor ? (
                <Text as="span" variant="bodySm" tone="subdued">
                  {e.actor}
                </Text>
              ) : null}
              {e.kind === "adjustment" && e.source === "staff" && !e.sourceId ? <ReverseButton entryId={e.id} reversed={!!e.reversedBy} /> : null}
            </BlockStack>,
          ])}
        />
      ) : (
        <Box padding="400">
          <Text as="p" tone="subdued">
            {t("member.historyEmpty")}
          </Text>
        </Box>
      )}
      <KeysetPagination nextCursor={nextCursor} previousCursor={data.paged ? "" : null} />
    </Card>
  );
}

function ReverseButton({ entryId, reversed }: { entryId: string; reversed: boolean }) {
  const toast = useToast();
  const fetcher = useFetcher<typeof action>();
  const [confirming, setConfirming] = useState(false);
  useEffect(() => {
    if (fetcher.state === "idle" && fetcher.data) {
      if (fetcher.data.ok) toast(t("member.reversed"));
      else toast(Object.values(fetcher.data.fieldErrors)[0] ?? t("common.errorTitle"), true);
      setConfirming(false);
    }
  }, [fetcher.state, fetcher.data, toast]);
  if (reversed) return <Badge>{t("member.reversedLabel")}</Badge>;
  if (!confirming) {
    return (
      <Button size="micro" onClick={() => setConfirming(true)}>
        {t("member.reverse")}
      </Button>
    );
  }
  return (
    <fetcher.Form method="post">
      <input type="hidden" name="intent" value="reverse" />
      <input type="hidden" name="entryId" value={entryId} />
      <Tooltip content={t("member.reverseConfirm")}>
        <Button size="micro" tone="critical" submit loading={fetcher.state !== "idle"} accessibilityLabel={t("member.reverseConfirm")}>
          {t("member.confirm")}
        </Button>
      </Tooltip>
    </fetcher.Form>
  );
}

function Orders({ data }: { data: LoaderData }) {
  return (
    <Card padding="0">
      <Box padding="400" paddingBlockEnd="200">
        <InlineStack gap="200" blockAlign="center">
          <Text as="h2" variant="headingMd">
            {t("member.orders")}
          </Text>
          <Badge>{formatNumber(data.orderCount)}</Badge>
        </InlineStack>
      </Box>
      {data.orders.length ? (
        <DataTable
          columnContentTypes={["text", "text", "numeric", "numeric"]}
          headings={[t("member.order"), t("member.date"), t("member.subtotal"), t("member.points")]}
          rows={data.orders.map((o) => [
            <OrderLink key={o.orderId} orderId={o.orderId} name={o.orderName} />,
            formatDate(o.createdAt),
            formatMoney(o.subtotalMinor, o.currency),
            formatNumber(o.points),
          ])}
        />
      ) : (
        <Box padding="400">
          <Text as="p" tone="subdued">
            {t("member.ordersEmpty")}
          </Text>
        </Box>
      )}
    </Card>
  );
}

function Redemptions({ data }: { data: LoaderData }) {
  return (
    <Card padding="0">
      <Box padding="400" paddingBlockEnd="200">
        <Text as="h2" variant="headingMd">
          {t("member.redemptions")}
        </Text>
      </Box>
      {data.redemptions.length ? (
        <DataTable
          columnContentTypes={["text", "text", "numeric", "text", "text"]}
          headings={[t("member.reward"), t("member.date"), t("member.points"), t("member.status"), t("member.code")]}
          rows={data.redemptions.map((r) => [
            r.reward,
            formatDate(r.createdAt),
            formatNumber(r.points),
            <StatusBadge key={r.id} kind="redemption" status={r.status} />,
            r.code ?? "—",
          ])}
        />
      ) : (
        <Box padding="400">
          <Text as="p" tone="subdued">
            {t("member.redemptionsEmpty")}
          </Text>
        </Box>
      )}
    </Card>
  );
}

const newSubmissionId = () => Math.random().toString(36).slice(2) + Date.now().toString(36);

function AdjustCard({ name, balance, confirmAbove }: { name: string; balance: number; confirmAbove: number }) {
  const toast = useToast();
  const fetcher = useFetcher<typeof action>();
  const [direction, setDirection] = useState("add");
  const [points, setPoints] = useState("");
  const [reason, setReason] = useState("");
  const [reasonText, setReasonText] = useState("");
  const [note, setNote] = useState("");
  const [submissionId, setSubmissionId] = useState(newSubmissionId);
  const [clientErrors, setClientErrors] = useState<Record<string, string>>({});
  const [confirming, setConfirming] = useState(false);
  const response = fetcher.data && fetcher.data.intent === "adjust" ? fetcher.data : undefined;
  const serverErrors = response && !response.ok ? response.fieldErrors : {};
  const error = (field: string) => clientErrors[field] ?? (serverErrors as Record<string, string>)[field];

  useEffect(() => {
    if (fetcher.state !== "idle" || !response) return;
    if (response.ok) {
      toast(t("member.adjusted"));
      setPoints("");
      setReason("");
      setReasonText("");
      setNote("");
      setConfirming(false);
      setSubmissionId(newSubmissionId());
    } else if ("needsConfirmation" in response && response.needsConfirmation) {
      setConfirming(true);
    }
  }, [fetcher.state, response, toast]);

  const values = useMemo(
    () => ({ direction, points, reason, reasonText, note, submissionId, confirmed: confirming ? "yes" : "no" }),
    [direction, points, reason, reasonText, note, submissionId, confirming],
  );
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const parsed = adjustmentFormSchema.safeParse(values);
    if (!parsed.success) {
      setClientErrors(fieldErrorsFromZod(parsed.error));
      return;
    }
    if (parsed.data.direction === "remove" && parsed.data.points > balance) {
      setClientErrors({ points: `The member has ${formatNumber(balance)} points; you can remove at most that many` });
      return;
    }
    setClientErrors({});
    if (parsed.data.points > confirmAbove && !confirming) {
      setConfirming(true);
      return;
    }
    fetcher.submit(values, { method: "post" });
  };
  const clear = (field: string) => setClientErrors(({ [field]: _removed, ...rest }) => rest);

  return (
    <Card>
      <fetcher.Form method="post" onSubmit={onSubmit} noValidate>
        <BlockStack gap="400">
          <Text as="h2" variant="headingMd">
            {t("member.adjust")}
          </Text>
          <FormLayout>
            <Select
              label={t("member.direction")}
              name="direction"
              options={[
                { label: t("member.add"), value: "add" },
                { label: t("member.remove"), value: "remove" },
              ]}
              value={direction}
              onChange={(v) => {
                setDirection(v);
                setConfirming(false);
              }}
            />
            <TextField
              label={t("member.amount")}
              name="points"
              type="number"
              min={1}
              value={points}
              onChange={(v) => {
                setPoints(v);
                setConfirming(false);
                clear("points");
              }}
              autoComplete="off"
              error={error("points")}
            />
            <Select
              label={t("member.reasonLabel")}
              name="reason"
              options={[
                { label: t("member.chooseReason"), value: "", disabled: true },
                ...ADJUSTMENT_REASONS.map((r) => ({ label: t(`member.reasons.${r}`), value: r })),
              ]}
              value={reason}
              onChange={(v) => {
                setReason(v);
                clear("reason");
              }}
              error={error("reason")}
            />
            <TextField
              label={t("member.reasonText")}
              name="reasonText"
              value={reasonText}
              onChange={(v) => {
                setReasonText(v);
                clear("reasonText");
              }}
              autoComplete="off"
              helpText={t("member.reasonTextHelp")}
              error={error("reasonText")}
              maxLength={200}
            />
            <TextField
              label={t("member.note")}
              name="note"
              value={note}
              onChange={setNote}
              autoComplete="off"
              multiline={2}
              maxLength={1000}
              error={error("note")}
            />
          </FormLayout>
          {confirming ? (
            <Banner tone="warning" title={t("member.confirmTitle")}>
              <p>
                {t("member.confirmBody", {
                  direction: t(direction === "add" ? "member.confirmDirection.add" : "member.confirmDirection.remove"),
                  points: formatNumber(Number(points) || 0),
                  limit: formatNumber(confirmAbove),
                })}
              </p>
            </Banner>
          ) : null}
          <InlineStack align="end">
            <Button
              submit
              variant="primary"
              tone={confirming ? "critical" : undefined}
              loading={fetcher.state !== "idle"}
              accessibilityLabel={t("member.adjustTitle", { name })}
            >
              {confirming ? t("member.confirm") : t("member.adjust")}
            </Button>
          </InlineStack>
        </BlockStack>
      </fetcher.Form>
    </Card>
  );
}

export function ErrorBoundary() {
  return <RouteErrorBoundary title={t("members.title")} backUrl="/app/members" />;
}
