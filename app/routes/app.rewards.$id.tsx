// Admin: create or edit a reward. The same zod schema validates on the server and names the fields in error.
import { useState } from "react";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Badge, Banner, BlockStack, Box, Button, Card, Checkbox, FormLayout, InlineStack, Layout, List, Page, Select, Text, TextField } from "@shopify/polaris";
import { authenticate } from "~/shopify.server";
import { readForm, readRouteParam } from "~/platform/form-body.server";
import { staffActor } from "~/platform/staff.server";
import { getShop } from "~/shops/shops.server";
import { getReward, saveReward } from "~/rewards/rewards.server";
import prisma from "~/db.server";
import { REWARD_KINDS, type RewardKind } from "~/rewards/rewards";
import { parseRewardForm, rewardFormValues, type RewardFormValues } from "~/rewards/reward-form";
import { REWARD_TRANSLATION_LOCALES } from "~/rewards/translations";
import { t } from "~/platform/i18n";
import { RouteErrorBoundary } from "~/components/RouteErrorBoundary";
import { bannerMessages } from "~/platform/form-errors";
import { loadTierRules } from "~/tiers/tiers.server";
import { rewardSummary } from "~/rewards/reward-summary";
import { ResourcePickerField } from "~/components/ResourcePickerField";
import { resourceSummaries } from "~/catalogue/resources.server";
import { adminClientForSession } from "~/platform/shopify/admin-client.server";

async function causesOf(shop: string) {
  return prisma.donationCause.findMany({ where: { shopDomain: shop, active: true }, select: { id: true, name: true }, orderBy: { name: "asc" } });
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { session } = await authenticate.admin(request);
  const shop = await getShop(session.shop);
  const currency = shop?.currency ?? "USD";
  const reward = params.id === "new" ? null : await getReward(session.shop, readRouteParam(params, "id"));
  if (params.id !== "new" && !reward) throw new Response("Reward not found", { status: 404 });
  const config = (reward?.config ?? {}) as { causeIds?: string[] };
  const tiers = (await loadTierRules(prisma, session.shop)).tiers.map((tier) => ({ id: tier.id, name: tier.name }));
  const values = rewardFormValues(reward, currency);
  const chosen = [values["config.variantId"], values["config.collectionId"], values.onlyNonBuyersOfCollectionId].filter(Boolean);
  const resources = chosen.length ? await resourceSummaries(adminClientForSession(session), chosen) : {};
  return json({
    isNew: !reward,
    currency,
    values,
    resources,
    causes: await causesOf(session.shop),
    causeIds: config.causeIds ?? [],
    tiers,
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { session, sessionToken } = await authenticate.admin(request);
  const formData = await readForm(request);
  const form = Object.fromEntries([...formData.entries()].filter(([, v]) => typeof v === "string")) as RewardFormValues;
  const currency = (await getShop(session.shop))?.currency ?? "USD";
  const parsed = parseRewardForm(form, formData.getAll("causeIds").map(String), currency);
  if (!parsed.ok) return json({ fieldErrors: parsed.fieldErrors }, { status: 422 });
  const id = params.id === "new" ? null : readRouteParam(params, "id");
  const saved = await saveReward(session.shop, await staffActor(sessionToken, session.shop), id, parsed.input);
  if (!saved.ok) return json({ fieldErrors: saved.fieldErrors }, { status: 422 });
  return redirect("/app/rewards");
}

/** Each kind's own fields (config keys); labels and help are in app/locales under rewards.fields.<kind>. */
const KIND_FIELDS: Record<RewardKind, { key: string; help?: true }[]> = {
  amount_off: [{ key: "valueMinor" }, { key: "minimumSubtotalMinor" }],
  percent_off: [{ key: "percent" }, { key: "collectionId", help: true }, { key: "capMinor", help: true }],
  free_shipping: [{ key: "countries", help: true }, { key: "maxShippingRateMinor" }],
  free_product: [
    { key: "variantId", help: true },
    { key: "valueMinor", help: true },
  ],
  points_for_amount: [{ key: "stepPoints" }, { key: "stepValueMinor" }, { key: "maxSteps" }],
  store_credit: [{ key: "valueMinor", help: true }],
  donation: [{ key: "valueMinor" }],
  experience: [{ key: "stock", help: true }],
};

export default function RewardForm() {
  const { isNew, values: initial, causes, causeIds: initialCauses, currency, tiers, resources } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const [values, setValues] = useState<RewardFormValues>(initial);
  const [causeIds, setCauseIds] = useState<string[]>(initialCauses);
  const [titles, setTitles] = useState<Record<string, string>>(() => Object.fromEntries(Object.values(resources).map((r) => [r.id, r.title])));
  const errors: Record<string, string> = actionData?.fieldErrors ?? {};
  const kind = values.kind as RewardKind;
  const set = (key: string) => (value: string) => setValues((v) => ({ ...v, [key]: value }));
  const flag = (key: string) => (checked: boolean) => setValues((v) => ({ ...v, [key]: checked ? "on" : "off" }));
  const text = (key: string, label: string, extra: { helpText?: string; type?: "text" | "number" | "date" } = {}) => (
    <TextField
      key={key}
      label={label}
      name={key}
      value={values[key] ?? ""}
      onChange={set(key)}
      error={errors[key]}
      autoComplete="off"
      type={extra.type ?? "text"}
      helpText={extra.helpText}
      suffix={key.endsWith("Minor") ? currency : undefined}
    />
  );
  /** A product variant or collection chosen with the resource picker (one), posted as its global id. */
  const picker = (key: string, type: "variant" | "collection", label: string, helpText?: string) => (
    <ResourcePickerField
      key={key}
      type={type}
      name={key}
      label={label}
      helpText={helpText}
      ids={values[key] ? [values[key]] : []}
      known={resources}
      error={errors[key]}
      onChange={(ids, picked) => {
        setValues((v) => ({ ...v, [key]: ids[0] ?? "" }));
        setTitles((known) => ({ ...known, ...Object.fromEntries(picked.map((r) => [r.id, r.title])) }));
      }}
    />
  );
  const kindField = (f: { key: string; help?: true }) => {
    const key = `config.${f.key}`;
    const label = t(`rewards.fields.${kind}.${f.key}`);
    if (f.key === "variantId") return picker(key, "variant", label, t("resources.freeProductHelp"));
    if (f.key === "collectionId") return picker(key, "collection", label, t("resources.collectionHelp"));
    return text(key, label, { helpText: f.help ? t(`rewards.fields.${kind}.${f.key}Help`) : undefined });
  };
  const summary = rewardSummary(values, { currency, titles, tiers: Object.fromEntries(tiers.map((tier) => [tier.id, tier.name])) });
  const hasCode = kind !== "store_credit" && kind !== "donation" && kind !== "experience";
  return (
    <Page title={isNew ? t("rewards.add") : t("rewards.form.editTitle", { name: initial.name })} backAction={{ url: "/app/rewards" }}>
      <Form method="post">
        {["enabled", "combinesOrder", "combinesProduct", "combinesShipping", "returnPointsOnExpiry"].map((key) => (
          <input key={key} type="hidden" name={key} value={values[key]} />
        ))}
        {kind === "donation" ? causeIds.map((id) => <input key={id} type="hidden" name="causeIds" value={id} />) : null}
        <Layout>
          {Object.keys(errors).length ? (
            <Layout.Section>
              <Banner tone="critical" title={t("forms.needsAttention")}>
                <p>{bannerMessages(errors).join(" · ")}</p>
              </Banner>
            </Layout.Section>
          ) : null}
          <Layout.AnnotatedSection title={t("rewards.sections.summary")} description={t("rewards.sections.summaryHelp")}>
            <Card>
              <BlockStack gap="200">
                <InlineStack gap="200" blockAlign="center">
                  <Text as="h2" variant="headingMd">
                    {values.name.trim() || t("rewards.summary.untitled")}
                  </Text>
                  <Badge tone={values.enabled === "on" ? "success" : undefined}>{t(values.enabled === "on" ? "rewards.active" : "rewards.off")}</Badge>
                </InlineStack>
                <Text as="p" tone="subdued">
                  {t(`rewards.kinds.${kind}`)}
                </Text>
                <List type="bullet">
                  {summary.map((line) => (
                    <List.Item key={line.key}>{t(`rewards.summary.${line.key}`, line.values)}</List.Item>
                  ))}
                </List>
              </BlockStack>
            </Card>
          </Layout.AnnotatedSection>
          <Layout.AnnotatedSection title={t("rewards.sections.reward")} description={t("rewards.sections.rewardHelp")}>
            <Card>
              <FormLayout>
                {text("name", t("rewards.form.name"))}
                {text("description", t("rewards.form.description"))}
                <FormLayout.Group>
                  <Select
                    label={t("rewards.form.kind")}
                    name="kind"
                    options={REWARD_KINDS.map((k) => ({ label: t(`rewards.kinds.${k}`), value: k }))}
                    value={kind}
                    onChange={set("kind")}
                  />
                  {kind === "points_for_amount" ? null : text("pointsCost", t("rewards.form.pointsCost"), { type: "number" })}
                </FormLayout.Group>
              </FormLayout>
            </Card>
          </Layout.AnnotatedSection>
          <Layout.AnnotatedSection title={t("rewards.sections.value")} description={t(`rewards.sections.valueHelp`)}>
            <Card>
              <FormLayout>
                {KIND_FIELDS[kind].map(kindField)}
                {kind === "donation" ? (
                  <BlockStack gap="100">
                    <Text as="p">{t(causes.length ? "rewards.form.causesAll" : "rewards.form.causesNone")}</Text>
                    {causes.map((c) => (
                      <Checkbox
                        key={c.id}
                        label={c.name}
                        checked={causeIds.includes(c.id)}
                        onChange={(checked) => setCauseIds((ids) => (checked ? [...ids, c.id] : ids.filter((x) => x !== c.id)))}
                      />
                    ))}
                    {errors["config.causeIds"] ? (
                      <Text as="p" tone="critical">
                        {errors["config.causeIds"]}
                      </Text>
                    ) : null}
                  </BlockStack>
                ) : null}
              </FormLayout>
            </Card>
          </Layout.AnnotatedSection>
          <Layout.AnnotatedSection title={t("rewards.sections.who")} description={t("rewards.sections.whoHelp")}>
            <Card>
              <FormLayout>
                <Checkbox label={t("rewards.form.enabled")} checked={values.enabled === "on"} onChange={flag("enabled")} />
                <FormLayout.Group>
                  {text("activeFrom", t("rewards.form.activeFrom"), { type: "date" })}
                  {text("activeUntil", t("rewards.form.activeUntil"), { type: "date" })}
                </FormLayout.Group>
                {text("perCustomerLimit", t("rewards.form.perCustomerLimit"), { type: "number" })}
                {tiers.length ? (
                  <Select
                    label={t("rewards.form.minimumTier")}
                    name="minimumTier"
                    helpText={t("rewards.form.minimumTierHelp")}
                    options={[{ label: t("rewards.form.minimumTierNone"), value: "" }, ...tiers.map((tier) => ({ label: tier.name, value: tier.id }))]}
                    value={values.minimumTier ?? ""}
                    onChange={set("minimumTier")}
                    error={errors.minimumTier}
                  />
                ) : null}
                {picker("onlyNonBuyersOfCollectionId", "collection", t("rewards.form.onlyNonBuyers"), t("resources.nonBuyersHelp"))}
              </FormLayout>
            </Card>
          </Layout.AnnotatedSection>
          {kind === "donation" || kind === "experience" ? null : (
            <Layout.AnnotatedSection
              title={t(kind === "store_credit" ? "rewards.sections.credit" : "rewards.sections.code")}
              description={t(kind === "store_credit" ? "rewards.sections.creditHelp" : "rewards.sections.codeHelp")}
            >
              <Card>
                <FormLayout>
                  {text("codeValidityDays", t(kind === "store_credit" ? "rewards.form.creditValidity" : "rewards.form.codeValidity"), { type: "number" })}
                  {hasCode ? (
                    <BlockStack gap="100">
                      <Text as="p">{t("rewards.form.combinesWith")}</Text>
                      <Checkbox label={t("rewards.form.combinesOrder")} checked={values.combinesOrder === "on"} onChange={flag("combinesOrder")} />
                      <Checkbox label={t("rewards.form.combinesProduct")} checked={values.combinesProduct === "on"} onChange={flag("combinesProduct")} />
                      <Checkbox label={t("rewards.form.combinesShipping")} checked={values.combinesShipping === "on"} onChange={flag("combinesShipping")} />
                    </BlockStack>
                  ) : null}
                  {hasCode ? (
                    <Checkbox
                      label={t("rewards.form.returnPointsOnExpiry")}
                      checked={values.returnPointsOnExpiry === "on"}
                      onChange={flag("returnPointsOnExpiry")}
                    />
                  ) : null}
                </FormLayout>
              </Card>
            </Layout.AnnotatedSection>
          )}
          <Layout.AnnotatedSection title={t("rewardTranslations.title")} description={t("rewardTranslations.help")}>
            <Card>
              <FormLayout>
                {REWARD_TRANSLATION_LOCALES.map((locale) => {
                  const language = t(`rewardTranslations.languages.${locale}`);
                  return (
                    <FormLayout.Group key={locale}>
                      {text(`translations.${locale}.name`, t("rewardTranslations.name", { language }))}
                      {text(`translations.${locale}.description`, t("rewardTranslations.description", { language }))}
                    </FormLayout.Group>
                  );
                })}
              </FormLayout>
            </Card>
          </Layout.AnnotatedSection>
          <Layout.Section>
            <Box paddingBlockEnd="800">
              <InlineStack align="end">
                <Button submit variant="primary" loading={navigation.state === "submitting"}>
                  {t("rewards.form.save")}
                </Button>
              </InlineStack>
            </Box>
          </Layout.Section>
        </Layout>
      </Form>
    </Page>
  );
}

export function ErrorBoundary() {
  return <RouteErrorBoundary title={t("rewards.form.errorTitle")} backUrl="/app/rewards" />;
}
