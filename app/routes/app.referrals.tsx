// Admin: the referral program's settings and the review queue of referrals held as suspicious (approve / reject,
// audited with the staff member).
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Banner, BlockStack, Box, Button, Card, Checkbox, FormLayout, InlineStack, Layout, Page, Select, Text, TextField } from "@shopify/polaris";
import { useState } from "react";
import { authenticate } from "~/shopify.server";
import { readFormFields } from "~/platform/form-body.server";
import { staffActor } from "~/platform/staff.server";
import { getShop } from "~/shops/shops.server";
import { listReferrals, referralSettings, reviewReferral, saveReferralSettings } from "~/referrals/referrals.server";
import { referralFormValues, referralSettingsFromForm } from "~/referrals/referral-form";
import { RouteErrorBoundary } from "~/components/RouteErrorBoundary";
import { TableCard } from "~/components/TableCard";
import { StatusBadge } from "~/components/StatusBadge";
import { OrderLink } from "~/components/OrderLink";
import { bannerMessages } from "~/platform/form-errors";
import { adminErrorMessage } from "~/platform/error-response.server";
import { formatDateTime, formatNumber } from "~/components/format";
import { t } from "~/platform/i18n";

export async function loader({ request }: LoaderFunctionArgs) {
  const { session } = await authenticate.admin(request);
  const shop = await getShop(session.shop);
  const currency = shop?.currency ?? "USD";
  const [settings, held, recent] = await Promise.all([
    referralSettings(session.shop),
    listReferrals(session.shop, { status: "held" }),
    listReferrals(session.shop, { take: 50 }),
  ]);
  return json({ currency, form: referralFormValues(settings, currency), held, recent: recent.filter((r) => r.status !== "held") });
}

type Reply = { ok: true; message: string; fieldErrors: Record<string, string> } | { ok: false; fieldErrors: Record<string, string> };

export async function action({ request }: ActionFunctionArgs) {
  const { session, sessionToken } = await authenticate.admin(request);
  const form = await readFormFields(request);
  const actor = await staffActor(sessionToken, session.shop);
  if (form.intent === "approve" || form.intent === "reject") {
    const result = await reviewReferral(session.shop, form.referralId ?? "", form.intent, actor);
    if (!result.ok)
      return json<Reply>({ ok: false, fieldErrors: { referralId: adminErrorMessage(result) } }, { status: result.code === "not_found" ? 404 : 409 });
    return json<Reply>({ ok: true, message: t(form.intent === "approve" ? "referrals.approved" : "referrals.rejected"), fieldErrors: {} });
  }
  const shop = await getShop(session.shop);
  const parsed = referralSettingsFromForm(form, shop?.currency ?? "USD");
  if (!parsed.ok) return json<Reply>({ ok: false, fieldErrors: parsed.fieldErrors }, { status: 422 });
  await saveReferralSettings(session.shop, parsed.settings, actor);
  return json<Reply>({ ok: true, message: t("referrals.saved"), fieldErrors: {} });
}

const PERCENT_OFF = "percent_off";

export default function Referrals() {
  const { currency, form, held, recent } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const [enabled, setEnabled] = useState(form.enabled === "on");
  const [referrerPoints, setReferrerPoints] = useState(form.referrerPoints);
  const [kind, setKind] = useState(form.friendRewardKind);
  const [value, setValue] = useState(form.friendRewardValue);
  const [window, setWindow] = useState(form.refundWindowDays);
  const errors = result && !result.ok ? result.fieldErrors : {};
  const reasons = (list: string[]) => list.map((r) => t(`referrals.reason.${r}`)).join(" · ");
  const who = (r: (typeof held)[number]) => r.referrer.name || r.referrer.email || r.referrer.memberId;
  const heldRows = held.map((r) => [
    who(r),
    r.friendEmail,
    reasons(r.reasons),
    formatDateTime(r.createdAt),
    <InlineStack key={r.id} gap="200">
      {(["approve", "reject"] as const).map((intent) => (
        <Form key={intent} method="post">
          <input type="hidden" name="intent" value={intent} />
          <input type="hidden" name="referralId" value={r.id} />
          <Button submit size="slim" variant={intent === "approve" ? "primary" : undefined} tone={intent === "reject" ? "critical" : undefined}>
            {t(`referrals.${intent}`)}
          </Button>
        </Form>
      ))}
    </InlineStack>,
  ]);
  const recentRows = recent.map((r) => [
    who(r),
    r.friendEmail,
    <StatusBadge key={`s-${r.id}`} kind="referral" status={r.status} />,
    r.orderId ? <OrderLink key={`o-${r.id}`} orderId={r.orderId} name={r.orderName} /> : "",
    formatNumber(r.referrerPoints),
    formatDateTime(r.createdAt),
    r.reviewedBy ?? "",
  ]);
  const col = (c: string) => t(`referrals.columns.${c}`);
  return (
    <Page title={t("nav.referrals")}>
      <Layout>
        {result ? (
          <Layout.Section>
            {result.ok ? <Banner tone="success">{result.message}</Banner> : <Banner tone="critical">{bannerMessages(errors).join(" · ")}</Banner>}
          </Layout.Section>
        ) : null}
        <Layout.Section>
          <BlockStack gap="400">
            <TableCard
              header={
                <Box padding="400" paddingBlockEnd="200">
                  <BlockStack gap="100">
                    <Text as="h2" variant="headingSm">
                      {t("referrals.queueTitle")}
                    </Text>
                    <Text as="p" tone="subdued">
                      {t("referrals.queueHelp")}
                    </Text>
                  </BlockStack>
                </Box>
              }
              columnContentTypes={["text", "text", "text", "text", "text"]}
              headings={[col("referrer"), col("friend"), col("reasons"), col("created"), col("actions")]}
              rows={heldRows}
              empty={{ heading: t("referrals.queueEmpty"), body: t("referrals.queueEmptyText") }}
            />
            <TableCard
              header={
                <Box padding="400" paddingBlockEnd="200">
                  <Text as="h2" variant="headingSm">
                    {t("referrals.recentTitle")}
                  </Text>
                </Box>
              }
              columnContentTypes={["text", "text", "text", "text", "numeric", "text", "text"]}
              headings={[col("referrer"), col("friend"), col("status"), col("order"), col("points"), col("created"), col("reviewedBy")]}
              rows={recentRows}
              empty={{ heading: t("referrals.recentEmpty"), body: t("referrals.recentEmptyText") }}
            />
          </BlockStack>
        </Layout.Section>
        <Layout.Section>
          <Card>
            <Form method="post">
              <input type="hidden" name="intent" value="settings" />
              <input type="hidden" name="enabled" value={enabled ? "on" : "off"} />
              <FormLayout>
                <BlockStack gap="100">
                  <Text as="h2" variant="headingSm">
                    {t("referrals.settingsTitle")}
                  </Text>
                  <Text as="p" tone="subdued">
                    {t("referrals.settingsHelp")}
                  </Text>
                </BlockStack>
                <Checkbox label={t("referrals.enabled")} checked={enabled} onChange={setEnabled} />
                <FormLayout.Group>
                  <TextField
                    label={t("referrals.referrerPoints")}
                    name="referrerPoints"
                    type="number"
                    value={referrerPoints}
                    onChange={setReferrerPoints}
                    autoComplete="off"
                    error={errors.referrerPoints}
                  />
                  <Select
                    label={t("referrals.friendRewardKind")}
                    name="friendRewardKind"
                    options={[
                      { label: t("referrals.amountOff"), value: "amount_off" },
                      { label: t("referrals.percentOff"), value: "percent_off" },
                    ]}
                    value={kind}
                    onChange={setKind}
                  />
                  <TextField
                    label={t("referrals.friendRewardValue")}
                    name="friendRewardValue"
                    value={value}
                    onChange={setValue}
                    autoComplete="off"
                    suffix={kind === PERCENT_OFF ? "%" : currency}
                    helpText={t("referrals.friendRewardValueHelp", { currency })}
                    error={errors.friendRewardValue}
                  />
                  <TextField
                    label={t("referrals.refundWindowDays")}
                    name="refundWindowDays"
                    type="number"
                    value={window}
                    onChange={setWindow}
                    autoComplete="off"
                    helpText={t("referrals.refundWindowHelp")}
                    error={errors.refundWindowDays}
                  />
                </FormLayout.Group>
                <Button submit variant="primary" loading={navigation.state === "submitting"}>
                  {t("common.save")}
                </Button>
              </FormLayout>
            </Form>
          </Card>
        </Layout.Section>
      </Layout>
    </Page>
  );
}

export function ErrorBoundary() {
  return <RouteErrorBoundary title={t("nav.referrals")} />;
}
