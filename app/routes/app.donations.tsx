// Admin: donations pooled per cause, the merchant's match, what is owed, and marking it paid (audited).
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Banner, BlockStack, Button, Card, DataTable, FormLayout, Layout, Page, Text, TextField } from "@shopify/polaris";
import { useState } from "react";
import { authenticate } from "~/shopify.server";
import { readFormFields } from "~/platform/form-body.server";
import { staffActor } from "~/platform/staff.server";
import { getShop } from "~/shops/shops.server";
import { donationReport, recordDonationPayout, saveCause } from "~/rewards/rewards.server";
import { RouteErrorBoundary } from "~/components/RouteErrorBoundary";
import { bannerMessages } from "~/platform/form-errors";
import { formatDateTime, formatMoney, formatNumber } from "~/components/format";
import { t } from "~/platform/i18n";

export async function loader({ request }: LoaderFunctionArgs) {
  const { session } = await authenticate.admin(request);
  const shop = await getShop(session.shop);
  return json({ currency: shop?.currency ?? "USD", ...(await donationReport(session.shop)) });
}

export async function action({ request }: ActionFunctionArgs) {
  const { session, sessionToken } = await authenticate.admin(request);
  const form = await readFormFields(request);
  const actor = await staffActor(sessionToken, session.shop);
  const result =
    form.intent === "cause"
      ? await saveCause(session.shop, actor, null, { name: form.name, description: form.description, matchPercent: form.matchPercent || "0", active: true })
      : form.intent === "paid"
        ? await recordDonationPayout(session.shop, actor, { causeId: form.causeId, amountMinor: form.amountMinor, note: form.note })
        : { ok: false as const, fieldErrors: { intent: "Unknown action" } };
  if (!result.ok) return json({ ok: false as const, fieldErrors: result.fieldErrors as Record<string, string> }, { status: 422 });
  return json({ ok: true as const, fieldErrors: {} as Record<string, string> });
}

export default function Donations() {
  const { causes, payouts, currency } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const [name, setName] = useState("");
  const [match, setMatch] = useState("0");
  const names = new Map(causes.map((c) => [c.id, c.name]));
  const money = (minor: number) => formatMoney(minor, currency);
  const rows = causes.map((c) => [
    c.name,
    `${c.matchPercent}%`,
    formatNumber(c.donations),
    money(c.donatedMinor),
    money(c.matchedMinor),
    money(c.paidMinor),
    <Text key={`owed-${c.id}`} as="span" fontWeight="semibold">
      {money(c.owedMinor)}
    </Text>,
    c.owedMinor > 0 ? (
      <Form key={`paid-${c.id}`} method="post">
        <input type="hidden" name="intent" value="paid" />
        <input type="hidden" name="causeId" value={c.id} />
        <input type="hidden" name="amountMinor" value={c.owedMinor} />
        <input type="hidden" name="note" value={`Paid ${money(c.owedMinor)} owed`} />
        <Button submit size="slim">
          {t("donations.markPaid")}
        </Button>
      </Form>
    ) : (
      ""
    ),
  ]);
  const errors = result && !result.ok ? result.fieldErrors : {};
  return (
    <Page title={t("nav.donations")}>
      <Layout>
        {result && !result.ok ? (
          <Layout.Section>
            <Banner tone="critical">{bannerMessages(errors).join(" · ")}</Banner>
          </Layout.Section>
        ) : null}
        <Layout.Section>
          <Card padding="0">
            <DataTable
              columnContentTypes={["text", "numeric", "numeric", "numeric", "numeric", "numeric", "numeric", "text"]}
              headings={(["cause", "match", "donations", "donated", "matched", "paid", "owed"] as const).map((c) => t(`donations.columns.${c}`)).concat("")}
              rows={rows}
            />
          </Card>
        </Layout.Section>
        <Layout.Section variant="oneThird">
          <BlockStack gap="400">
            <Card>
              <Form method="post">
                <input type="hidden" name="intent" value="cause" />
                <FormLayout>
                  <Text as="h2" variant="headingSm">
                    {t("donations.addTitle")}
                  </Text>
                  <TextField label={t("donations.name")} name="name" value={name} onChange={setName} autoComplete="off" error={errors.name} />
                  <TextField
                    label={t("donations.match")}
                    name="matchPercent"
                    type="number"
                    value={match}
                    onChange={setMatch}
                    autoComplete="off"
                    error={errors.matchPercent}
                    helpText={t("donations.matchHelp")}
                  />
                  <Button submit loading={navigation.state === "submitting"}>
                    {t("donations.add")}
                  </Button>
                </FormLayout>
              </Form>
            </Card>
            <Card>
              <BlockStack gap="200">
                <Text as="h2" variant="headingSm">
                  {t("donations.payouts")}
                </Text>
                {payouts.length ? (
                  payouts.map((p) => (
                    <Text key={p.id} as="p" tone="subdued">
                      {t("donations.payout", {
                        when: formatDateTime(p.paidAt),
                        amount: money(p.amountMinor),
                        cause: names.get(p.causeId) ?? t("donations.aCause"),
                        actor: p.actor,
                      })}
                    </Text>
                  ))
                ) : (
                  <Text as="p" tone="subdued">
                    {t("donations.noPayouts")}
                  </Text>
                )}
              </BlockStack>
            </Card>
          </BlockStack>
        </Layout.Section>
      </Layout>
    </Page>
  );
}

export function ErrorBoundary() {
  return <RouteErrorBoundary title={t("nav.donations")} />;
}
