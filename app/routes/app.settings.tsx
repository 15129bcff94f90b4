// Program settings: every setting of the program, validated by the shared zod schema as the merchant saves
// (field errors in the form, the same schema on the server), saved from App Bridge's contextual save bar,
// audited with a before/after diff, and with an offer to notify members when a change affects them.
import { useEffect, useMemo, useState, type FormEvent } from "react";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation, useSubmit } from "@remix-run/react";
import { Banner, BlockStack, Box, Card, Checkbox, FormLayout, InlineGrid, Layout, Page, Select, Text, TextField } from "@shopify/polaris";
import { authenticate } from "~/shopify.server";
import { readFormFields } from "~/platform/form-body.server";
import { getShop } from "~/shops/shops.server";
import { updateProgramSettings } from "~/program/program.server";
import { staffActor } from "~/platform/staff.server";
import { CLAWBACK_POLICIES, DEFAULT_PROGRAM } from "~/program/program";
import { EXPIRY_POLICIES } from "~/expiry/expiry";
import { formatDate } from "~/components/format";
import { formValuesOf, parseSettingsForm, splitList } from "~/program/settings-form";
import { memberImpact } from "~/program/settings-impact";
import { RouteErrorBoundary } from "~/components/RouteErrorBoundary";
import { useToast } from "~/components/toast";
import { t } from "~/platform/i18n";
import { ResourcePickerField } from "~/components/ResourcePickerField";
import { resourceGid, resourceNumericId, type PickerResourceType } from "~/catalogue/resources";
import { resourceSummaries } from "~/catalogue/resources.server";
import { adminClientForSession } from "~/platform/shopify/admin-client.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const { session } = await authenticate.admin(request);
  const shop = await getShop(session.shop);
  const program = shop?.program ?? DEFAULT_PROGRAM;
  const excluded = [
    ...program.earning.excludedProductIds.map((id) => resourceGid("product", id)),
    ...program.earning.excludedCollectionIds.map((id) => resourceGid("collection", id)),
  ];
  const resources = excluded.length ? await resourceSummaries(adminClientForSession(session), excluded) : {};
  return json({ currency: shop?.currency ?? "USD", program, resources });
}

export async function action({ request }: ActionFunctionArgs) {
  const { session, sessionToken } = await authenticate.admin(request);
  const form = await readFormFields(request);
  const currency = (await getShop(session.shop))?.currency ?? "USD";
  const parsed = parseSettingsForm(form, currency);
  if (!parsed.ok) return json({ ok: false as const, fieldErrors: parsed.fieldErrors }, { status: 422 });
  const actor = await staffActor(sessionToken, session.shop);
  const result = await updateProgramSettings(session.shop, actor, parsed.settings, { notifyMembers: form.notifyMembers === "on" });
  if (!result.ok) return json({ ok: false as const, fieldErrors: result.fieldErrors }, { status: 422 });
  return json({ ok: true as const, changed: result.changed, savedAt: Date.now() });
}

type Values = Record<string, string | boolean>;

export default function Settings() {
  const toast = useToast();
  const { program, currency, resources } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const submit = useSubmit();
  const initial = useMemo(() => formValuesOf(program, currency), [program, currency]);
  const [values, setValues] = useState<Values>(initial);
  const [clientErrors, setClientErrors] = useState<Record<string, string>>({});
  const [notify, setNotify] = useState(false);
  useEffect(() => {
    setValues(initial);
    setNotify(false);
  }, [initial]);
  useEffect(() => {
    if (actionData?.ok) {
      // The form's data-save-bar bar is App Bridge's own: it hides on submit, so nothing to hide here.
      toast(t("settings.saved"));
    }
  }, [actionData, toast]);

  const serverErrors = actionData && !actionData.ok ? (actionData.fieldErrors as Record<string, string>) : {};
  const error = (field: string) => clientErrors[field] ?? serverErrors[field];
  const str = (field: string) => String(values[field] ?? "");
  const bool = (field: string) => values[field] === true;
  const set = (field: string) => (value: string | boolean) => {
    setValues((v) => ({ ...v, [field]: value }));
    setClientErrors((e) => {
      const { [field]: _removed, ...rest } = e;
      return rest;
    });
  };
  const asForm = (v: Values) => Object.fromEntries(Object.entries(v).map(([k, x]) => [k, typeof x === "boolean" ? (x ? "on" : "off") : x]));
  const draft = parseSettingsForm(asForm(values), currency);
  const impact = draft.ok ? memberImpact(program, draft.settings) : [];

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const parsed = parseSettingsForm(asForm(values), currency);
    if (!parsed.ok) {
      setClientErrors(parsed.fieldErrors);
      toast(t("common.fixErrors"), true);
      return;
    }
    setClientErrors({});
    submit({ ...asForm(values), notifyMembers: notify && impact.length ? "on" : "off" }, { method: "post" });
  };
  const onReset = () => {
    setValues(initial);
    setClientErrors({});
    setNotify(false);
  };
  const errorCount = Object.keys({ ...serverErrors, ...clientErrors }).length;

  const text = (field: string, label: string, extra: Partial<React.ComponentProps<typeof TextField>> = {}) => (
    <TextField label={label} name={field} value={str(field)} onChange={set(field)} autoComplete="off" error={error(field)} {...extra} />
  );

  /** Products or collections that earn nothing, chosen with the resource picker; the rule keeps their numeric ids. */
  const exclusion = (field: string, type: PickerResourceType, label: string) => {
    const ids = splitList(str(field)).map((id) => resourceGid(type, id));
    return (
      <ResourcePickerField
        type={type}
        multiple
        name={field}
        label={label}
        ids={ids}
        known={resources}
        error={error(field)}
        toValue={(chosen) => chosen.map(resourceNumericId).join(", ")}
        onChange={(chosen) => set(field)(chosen.map(resourceNumericId).join(", "))}
      />
    );
  };

  return (
    <Page title={t("settings.title")}>
      <Form method="post" data-save-bar onSubmit={onSubmit} onReset={onReset} noValidate>
        <Layout>
          {errorCount ? (
            <Layout.Section>
              <Banner tone="critical" title={t("common.errorTitle")}>
                <p>{t("common.fixErrors")}</p>
              </Banner>
            </Layout.Section>
          ) : null}
          {impact.length ? (
            <Layout.Section>
              <Banner tone="warning" title={t("settings.notifyTitle")}>
                <BlockStack gap="200">
                  <p>{t("settings.notifyBody", { impact: impact.map((i) => t(`settings.impact.${i}`)).join(", ") })}</p>
                  <Checkbox label={t("settings.notifyMembers")} name="notifyMembers" checked={notify} onChange={setNotify} />
                </BlockStack>
              </Banner>
            </Layout.Section>
          ) : null}
          <Section title={t("settings.program")} description={t("settings.programHelp")}>
            <input type="hidden" name="enabled" value={bool("enabled") ? "on" : "off"} />
            <Checkbox label={t("settings.enabled")} checked={bool("enabled")} onChange={set("enabled")} />
          </Section>
          <Section title={t("settings.earning")} description={t("settings.earningHelp")}>
            <FormLayout>
              <FormLayout.Group>
                {text("earning.pointsPerUnit", t("settings.pointsPerUnit", { currency }), { type: "number", min: 0 })}
                <Select
                  label={t("settings.base")}
                  name="earning.base"
                  options={[{ label: t("settings.baseSubtotal"), value: "subtotal_after_discounts" }]}
                  value={str("earning.base")}
                  onChange={set("earning.base")}
                />
              </FormLayout.Group>
              <FormLayout.Group>
                {text("earning.minimumOrder", t("settings.minimumOrder", { currency }), { inputMode: "decimal", helpText: t("settings.minimumOrderHelp") })}
                <Select
                  label={t("settings.awardOn")}
                  name="earning.awardOn"
                  options={[
                    { label: t("settings.paid"), value: "paid" },
                    { label: t("settings.fulfilled"), value: "fulfilled" },
                  ]}
                  value={str("earning.awardOn")}
                  onChange={set("earning.awardOn")}
                />
              </FormLayout.Group>
              {text("earning.pendingDays", t("settings.pendingDays"), { type: "number", min: 0, helpText: t("settings.pendingDaysHelp") })}
              <Checkbox label={t("settings.includeTestOrders")} checked={bool("earning.includeTestOrders")} onChange={set("earning.includeTestOrders")} />
            </FormLayout>
          </Section>
          <Section title={t("settings.exclusions")} description={t("settings.exclusionsHelp")}>
            <FormLayout>
              {exclusion("earning.excludedProductIds", "product", t("settings.excludedProductIds"))}
              {exclusion("earning.excludedCollectionIds", "collection", t("settings.excludedCollectionIds"))}
              {text("earning.excludedProductTags", t("settings.excludedProductTags"))}
              {text("earning.excludedSalesChannels", t("settings.excludedSalesChannels"), { helpText: t("settings.excludedSalesChannelsHelp") })}
            </FormLayout>
          </Section>
          <Section title={t("settings.policies")}>
            <FormLayout>
              <Select
                label={t("settings.clawbackPolicy")}
                name="clawbackPolicy"
                options={CLAWBACK_POLICIES.map((p) => ({ label: t(`settings.${p}`), value: p }))}
                value={str("clawbackPolicy")}
                onChange={set("clawbackPolicy")}
              />
              {text("codePrefix", t("settings.codePrefix"), { helpText: t("settings.codePrefixHelp"), maxLength: 12 })}
            </FormLayout>
          </Section>
          <Section title={t("settings.expiry")} description={t("settings.expiryHelp")}>
            <FormLayout>
              <input type="hidden" name="expiry.enabled" value={bool("expiry.enabled") ? "on" : "off"} />
              <Checkbox label={t("settings.expiryEnabled")} checked={bool("expiry.enabled")} onChange={set("expiry.enabled")} />
              <FormLayout.Group>
                <Select
                  label={t("settings.expiryPolicy")}
                  name="expiry.policy"
                  options={EXPIRY_POLICIES.map((p) => ({ label: t(`settings.expiryPolicies.${p}`), value: p }))}
                  value={str("expiry.policy")}
                  onChange={set("expiry.policy")}
                />
                {text("expiry.months", t("settings.expiryMonths"), { type: "number", min: 1, max: 60 })}
              </FormLayout.Group>
              {text("expiry.reminderDays", t("settings.reminderDays"), { helpText: t("settings.reminderDaysHelp") })}
              {program.expiry.notice && new Date(program.expiry.notice.effectiveAt).getTime() > Date.now() ? (
                <Banner tone="info">
                  <p>{t("settings.expiryNotice", { date: formatDate(program.expiry.notice.effectiveAt) })}</p>
                </Banner>
              ) : null}
            </FormLayout>
          </Section>
          <Section title={t("settings.widget")}>
            <FormLayout>
              <FormLayout.Group>
                {text("widget.programName", t("settings.programName"), { maxLength: 60 })}
                {text("widget.launcherLabel", t("settings.launcherLabel"), { maxLength: 40 })}
              </FormLayout.Group>
              <InlineGrid columns="1fr auto" gap="300" alignItems="end">
                {text("widget.primaryColor", t("settings.primaryColor"))}
                <span
                  aria-hidden
                  style={{
                    display: "block",
                    width: 36,
                    height: 36,
                    borderRadius: 8,
                    border: "1px solid #ccc",
                    background: /^#[0-9a-f]{6}$/i.test(str("widget.primaryColor")) ? str("widget.primaryColor") : "transparent",
                  }}
                />
              </InlineGrid>
            </FormLayout>
          </Section>
          <Section title={t("settings.staff")}>
            <FormLayout>
              <FormLayout.Group>
                {text("admin.confirmAdjustmentsAbove", t("settings.confirmAdjustmentsAbove"), {
                  type: "number",
                  min: 1,
                  helpText: t("settings.confirmAdjustmentsAboveHelp"),
                })}
                {text("admin.pointValue", t("settings.pointValue", { currency }), { inputMode: "decimal", helpText: t("settings.pointValueHelp") })}
              </FormLayout.Group>
            </FormLayout>
          </Section>
          <Layout.Section>
            <Box paddingBlockEnd="800">
              <Text as="p" tone="subdued" variant="bodySm">
                {navigation.state === "submitting" ? "…" : ""}
              </Text>
            </Box>
          </Layout.Section>
        </Layout>
      </Form>
    </Page>
  );
}

function Section({ title, description, children }: { title: string; description?: string; children: React.ReactNode }) {
  return (
    <Layout.AnnotatedSection title={title} description={description}>
      <Card>{children}</Card>
    </Layout.AnnotatedSection>
  );
}

export function ErrorBoundary() {
  return <RouteErrorBoundary title={t("settings.title")} />;
}
