// Admin: VIP tiers. The merchant defines up to six tiers, previews how many members would move up or down, then
// confirms; the apply-tier-rule-changes job applies it (audited, with events). Shows the tier distribution.
import { useRef, useState } from "react";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Banner, BlockStack, Box, Button, Card, DataTable, FormLayout, InlineStack, Layout, Page, Select, Text, TextField } from "@shopify/polaris";
import { authenticate } from "~/shopify.server";
import { readFormFields } from "~/platform/form-body.server";
import { staffActor } from "~/platform/staff.server";
import { getShop } from "~/shops/shops.server";
import { previewTierRuleChange, queueTierRuleChange, tierSetup } from "~/tiers/tiers.server";
import { parseTierForm, tierFormValues, type TierFormValues } from "~/tiers/tier-form";
import { MAX_TIERS, TIER_MEASURES, TIER_PERIODS } from "~/tiers/tiers";
import { t } from "~/platform/i18n";
import { RouteErrorBoundary } from "~/components/RouteErrorBoundary";
import { bannerMessages } from "~/platform/form-errors";
import { formatDateTime, formatNumber } from "~/components/format";

export async function loader({ request }: LoaderFunctionArgs) {
  const { session } = await authenticate.admin(request);
  const currency = (await getShop(session.shop))?.currency ?? "USD";
  const setup = await tierSetup(session.shop);
  return json({ currency, values: tierFormValues(setup.rules, currency), ...setup });
}

export async function action({ request }: ActionFunctionArgs) {
  const { session, sessionToken } = await authenticate.admin(request);
  const form = await readFormFields(request);
  const currency = (await getShop(session.shop))?.currency ?? "USD";
  const parsed = parseTierForm(form, currency, () => crypto.randomUUID().slice(0, 12));
  if (!parsed.ok) return json({ ok: false as const, fieldErrors: parsed.fieldErrors }, { status: 422 });
  if (form.intent === "apply") {
    await queueTierRuleChange(session.shop, parsed.rules, await staffActor(sessionToken, session.shop));
    return json({ ok: true as const, queued: true, preview: null });
  }
  if (form.intent !== "preview") return json({ ok: false as const, fieldErrors: { intent: t("forms.chooseOption") } }, { status: 422 });
  return json({ ok: true as const, queued: false, preview: await previewTierRuleChange(session.shop, parsed.rules) });
}

export default function Tiers() {
  const { values: initial, distribution, withoutTier, queued, lastApplied, rules } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const [values, setValues] = useState<TierFormValues>(initial);
  // When the stored rules change (the apply job ran), the form shows them; a preview's revalidation keeps edits.
  const storedKey = JSON.stringify(initial);
  const [shownKey, setShownKey] = useState(storedKey);
  if (shownKey !== storedKey) {
    setShownKey(storedKey);
    setValues(initial);
  }
  // A preview is of the values it was asked for: editing after it hides it (and Apply) until the next preview.
  const [edited, setEdited] = useState(false);
  const set = (key: string) => (value: string) => {
    setEdited(true);
    setValues((v) => ({ ...v, [key]: value }));
  };
  const errors: Record<string, string> = result && !result.ok ? result.fieldErrors : {};
  const preview = result?.ok && !edited ? result.preview : null;
  const busy = navigation.state !== "idle";
  // One form, two buttons: the clicked one says what to do before the form submits.
  const intent = useRef<HTMLInputElement>(null);
  const submitAs = (value: "preview" | "apply") => () => {
    if (intent.current) intent.current.value = value;
    setEdited(false);
  };
  const field = (key: string, label: string, extra: { type?: "text" | "number"; helpText?: string } = {}) => (
    <TextField
      label={label}
      name={key}
      value={values[key] ?? ""}
      onChange={set(key)}
      error={errors[key]}
      autoComplete="off"
      type={extra.type}
      helpText={extra.helpText}
    />
  );
  const thresholdLabel = t(`tiers.form.threshold.${values.measure}`);
  // The filled rows and one empty row to add a tier, up to the maximum.
  const filled = Array.from({ length: MAX_TIERS }, (_, row) => Boolean(values[`tiers.${row}.name`]?.trim())).lastIndexOf(true) + 1;
  const shownRows = Math.min(MAX_TIERS, filled + 1);
  const names = new Map(rules.tiers.map((tier) => [tier.id, tier.name]));
  return (
    <Page title={t("nav.tiers")} subtitle={t("tiers.subtitle")}>
      <Layout>
        {result && !result.ok ? (
          <Layout.Section>
            <Banner tone="critical">{bannerMessages(errors).join(" · ")}</Banner>
          </Layout.Section>
        ) : null}
        {result?.ok && result.queued ? (
          <Layout.Section>
            <Banner tone="success">{t("tiers.queued")}</Banner>
          </Layout.Section>
        ) : null}
        {queued && !result?.ok ? (
          <Layout.Section>
            <Banner tone="info">{t("tiers.pending", { at: formatDateTime(queued.createdAt) })}</Banner>
          </Layout.Section>
        ) : null}
        <Layout.Section>
          <Form method="post">
            <input ref={intent} type="hidden" name="intent" defaultValue="preview" />
            <BlockStack gap="400">
              <Card>
                <FormLayout>
                  <FormLayout.Group>
                    <Select
                      label={t("tiers.form.measure")}
                      name="measure"
                      options={TIER_MEASURES.map((m) => ({ value: m, label: t(`tiers.measures.${m}`) }))}
                      value={values.measure}
                      onChange={set("measure")}
                    />
                    <Select
                      label={t("tiers.form.period")}
                      name="period"
                      options={TIER_PERIODS.map((p) => ({ value: p, label: t(`tiers.periods.${p}`) }))}
                      value={values.period}
                      onChange={set("period")}
                      helpText={t(`tiers.periodHelp.${values.period}`)}
                    />
                    {field("graceDays", t("tiers.form.graceDays"), { type: "number", helpText: t("tiers.form.graceDaysHelp") })}
                  </FormLayout.Group>
                </FormLayout>
              </Card>
              <Card>
                <BlockStack gap="300">
                  <Text as="h2" variant="headingMd">
                    {t("tiers.form.tiers")}
                  </Text>
                  <Text as="p" tone="subdued">
                    {t("tiers.form.tiersHelp", { max: MAX_TIERS })}
                  </Text>
                  {Array.from({ length: shownRows }, (_, row) => (
                    <Box key={row} padding="300" borderWidth="025" borderColor="border" borderRadius="200">
                      <BlockStack gap="200">
                        <Text as="h3" variant="headingSm">
                          {t("tiers.form.row", { n: row + 1 })}
                        </Text>
                        <input type="hidden" name={`tiers.${row}.id`} value={values[`tiers.${row}.id`] ?? ""} />
                        <FormLayout>
                          <FormLayout.Group>
                            {field(`tiers.${row}.name`, t("tiers.form.name"))}
                            {field(`tiers.${row}.handle`, t("tiers.form.handle"))}
                          </FormLayout.Group>
                          <FormLayout.Group>
                            {field(`tiers.${row}.threshold`, thresholdLabel)}
                            {field(`tiers.${row}.multiplier`, t("tiers.form.multiplier"))}
                            {field(`tiers.${row}.birthdayBonus`, t("tiers.form.birthdayBonus"), { type: "number" })}
                          </FormLayout.Group>
                        </FormLayout>
                      </BlockStack>
                    </Box>
                  ))}
                  <Text as="p" tone="subdued">
                    {t("tiers.form.exclusiveHelp")}
                  </Text>
                </BlockStack>
              </Card>
              {preview ? (
                <Card>
                  <BlockStack gap="200">
                    <Text as="h2" variant="headingMd">
                      {t("tiers.previewTitle")}
                    </Text>
                    <Text as="p">{t("tiers.previewUp", { count: formatNumber(preview.up) })}</Text>
                    <Text as="p">{t("tiers.previewDown", { count: formatNumber(preview.down) })}</Text>
                    <Text as="p">{t("tiers.previewUnchanged", { count: formatNumber(preview.unchanged) })}</Text>
                    <Text as="p" tone="subdued">
                      {t("tiers.previewNext")}
                    </Text>
                  </BlockStack>
                </Card>
              ) : null}
              <InlineStack gap="200">
                <Button submit onClick={submitAs("preview")} loading={busy}>
                  {t("tiers.preview")}
                </Button>
                {preview ? (
                  <Button submit variant="primary" onClick={submitAs("apply")} loading={busy}>
                    {t("tiers.apply")}
                  </Button>
                ) : null}
              </InlineStack>
            </BlockStack>
          </Form>
        </Layout.Section>
        <Layout.Section variant="oneThird">
          <BlockStack gap="400">
            <Card>
              <BlockStack gap="200">
                <Text as="h2" variant="headingMd">
                  {t("tiers.distribution")}
                </Text>
                <DataTable
                  columnContentTypes={["text", "numeric"]}
                  headings={[t("tiers.columns.tier"), t("tiers.columns.members")]}
                  rows={[...distribution.map((d) => [names.get(d.tierId) ?? d.name, formatNumber(d.members)]), [t("tiers.noTier"), formatNumber(withoutTier)]]}
                />
                {lastApplied?.appliedAt ? (
                  <Text as="p" tone="subdued">
                    {t("tiers.lastApplied", { at: formatDateTime(lastApplied.appliedAt), up: lastApplied.movedUp, down: lastApplied.movedDown })}
                  </Text>
                ) : null}
              </BlockStack>
            </Card>
          </BlockStack>
        </Layout.Section>
      </Layout>
    </Page>
  );
}

export function ErrorBoundary() {
  return <RouteErrorBoundary title={t("nav.tiers")} />;
}
