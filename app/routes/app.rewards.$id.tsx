// Admin: create or edit a reward. The same zod schema validates on the server and names the fields in error.
import { useState } from "react";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Banner, BlockStack, Button, Card, Checkbox, FormLayout, Layout, Page, Select, Text, TextField } from "@shopify/polaris";
import { authenticate } from "~/shopify.server";
import { staffActor } from "~/lib/staff.server";
import { getShop } from "~/models/shops.server";
import { getReward, saveReward } from "~/models/rewards.server";
import prisma from "~/db.server";
import { REWARD_KIND_LABELS, REWARD_KINDS, type RewardKind } from "~/loyalty/rewards";
import { parseRewardForm, rewardFormValues, type RewardFormValues } from "~/loyalty/reward-form";
import { RouteErrorBoundary } from "~/components/RouteErrorBoundary";

async function causesOf(shop: string) {
  return prisma.donationCause.findMany({ where: { shopDomain: shop, active: true }, select: { id: true, name: true }, orderBy: { name: "asc" } });
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { session } = await authenticate.admin(request);
  const shop = await getShop(session.shop);
  const currency = shop?.currency ?? "USD";
  const reward = params.id === "new" ? null : await getReward(session.shop, params.id ?? "");
  if (params.id !== "new" && !reward) throw new Response("Reward not found", { status: 404 });
  const config = (reward?.config ?? {}) as { causeIds?: string[] };
  return json({ isNew: !reward, currency, values: rewardFormValues(reward, currency), causes: await causesOf(session.shop), causeIds: config.causeIds ?? [] });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { session, sessionToken } = await authenticate.admin(request);
  const formData = await request.formData();
  const form = Object.fromEntries([...formData.entries()].filter(([, v]) => typeof v === "string")) as RewardFormValues;
  const currency = (await getShop(session.shop))?.currency ?? "USD";
  const parsed = parseRewardForm(form, formData.getAll("causeIds").map(String), currency);
  if (!parsed.ok) return json({ fieldErrors: parsed.fieldErrors }, { status: 422 });
  const id = params.id === "new" ? null : (params.id ?? null);
  const saved = await saveReward(session.shop, await staffActor(sessionToken, session.shop), id, parsed.input);
  if (!saved.ok) return json({ fieldErrors: saved.fieldErrors }, { status: 422 });
  return redirect("/app/rewards");
}

const KIND_FIELDS: Record<RewardKind, { key: string; label: string; help?: string }[]> = {
  amount_off: [
    { key: "config.valueMinor", label: "Amount off" },
    { key: "config.minimumSubtotalMinor", label: "Minimum order subtotal (optional)" },
  ],
  percent_off: [
    { key: "config.percent", label: "Percentage off" },
    { key: "config.collectionId", label: "Only on this collection (optional)", help: "gid://shopify/Collection/…" },
    { key: "config.capMinor", label: "Cap shown to members (optional)", help: "Shopify codes cannot cap a percentage; keep percentages modest." },
  ],
  free_shipping: [
    { key: "config.countries", label: "Countries (optional)", help: "Two-letter codes, e.g. US, CA. Empty: everywhere." },
    { key: "config.maxShippingRateMinor", label: "Maximum shipping rate (optional)" },
  ],
  free_product: [
    { key: "config.variantId", label: "Product variant", help: "gid://shopify/ProductVariant/…" },
    { key: "config.valueMinor", label: "Its price", help: "One unit of the variant is taken off the order." },
  ],
  points_for_amount: [
    { key: "config.stepPoints", label: "Points per step" },
    { key: "config.stepValueMinor", label: "Amount off per step" },
    { key: "config.maxSteps", label: "Most steps per order" },
  ],
  store_credit: [{ key: "config.valueMinor", label: "Store credit amount", help: "Credited to the customer's store credit account; expires with the validity below." }],
  donation: [{ key: "config.valueMinor", label: "Amount donated" }],
};

export default function RewardForm() {
  const { isNew, values: initial, causes, causeIds: initialCauses, currency } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const [values, setValues] = useState<RewardFormValues>(initial);
  const [causeIds, setCauseIds] = useState<string[]>(initialCauses);
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
  return (
    <Page title={isNew ? "Add reward" : `Edit ${initial.name}`} backAction={{ url: "/app/rewards" }}>
      <Form method="post">
        {["enabled", "combinesOrder", "combinesProduct", "combinesShipping", "returnPointsOnExpiry"].map((key) => (
          <input key={key} type="hidden" name={key} value={values[key]} />
        ))}
        {kind === "donation" ? causeIds.map((id) => <input key={id} type="hidden" name="causeIds" value={id} />) : null}
        <Layout>
          {Object.keys(errors).length ? (
            <Layout.Section>
              <Banner tone="critical" title="Some fields need attention">
                <p>{Object.entries(errors).map(([field, message]) => `${field}: ${message}`).join(" · ")}</p>
              </Banner>
            </Layout.Section>
          ) : null}
          <Layout.Section>
            <BlockStack gap="400">
              <Card>
                <FormLayout>
                  {text("name", "Name")}
                  {text("description", "Description (shown to members)")}
                  <Select label="Type" name="kind" options={REWARD_KINDS.map((k) => ({ label: REWARD_KIND_LABELS[k], value: k }))} value={kind} onChange={set("kind")} />
                  {kind === "points_for_amount" ? null : text("pointsCost", "Points cost", { type: "number" })}
                  {KIND_FIELDS[kind].map((f) => text(f.key, f.label, { helpText: f.help }))}
                  {kind === "donation" ? (
                    <BlockStack gap="100">
                      <Text as="p">Causes members can choose ({causes.length ? "none ticked: all active causes" : "add causes under Donations first"})</Text>
                      {causes.map((c) => (
                        <Checkbox
                          key={c.id}
                          label={c.name}
                          checked={causeIds.includes(c.id)}
                          onChange={(checked) => setCauseIds((ids) => (checked ? [...ids, c.id] : ids.filter((x) => x !== c.id)))}
                        />
                      ))}
                      {errors["config.causeIds"] ? <Text as="p" tone="critical">{errors["config.causeIds"]}</Text> : null}
                    </BlockStack>
                  ) : null}
                </FormLayout>
              </Card>
              <Card>
                <FormLayout>
                  <Checkbox label="Members can redeem this reward" checked={values.enabled === "on"} onChange={flag("enabled")} />
                  <FormLayout.Group>
                    {text("activeFrom", "Available from (optional)", { type: "date" })}
                    {text("activeUntil", "Available until (optional)", { type: "date" })}
                  </FormLayout.Group>
                  {text("perCustomerLimit", "Times each member can redeem it (optional)", { type: "number" })}
                  {kind === "donation" ? null : text("codeValidityDays", kind === "store_credit" ? "Credit valid for (days)" : "Code valid for (days)", { type: "number" })}
                  {kind === "store_credit" || kind === "donation" ? null : (
                    <>
                      <Text as="p">Combines with</Text>
                      <Checkbox label="Order discounts" checked={values.combinesOrder === "on"} onChange={flag("combinesOrder")} />
                      <Checkbox label="Product discounts" checked={values.combinesProduct === "on"} onChange={flag("combinesProduct")} />
                      <Checkbox label="Shipping discounts" checked={values.combinesShipping === "on"} onChange={flag("combinesShipping")} />
                      <Checkbox label="Return the points when an unused code expires" checked={values.returnPointsOnExpiry === "on"} onChange={flag("returnPointsOnExpiry")} />
                    </>
                  )}
                  {text("minimumTier", "Minimum tier (optional)")}
                  {text("onlyNonBuyersOfCollectionId", "Only for members who have not bought from this collection (optional)", { helpText: "gid://shopify/Collection/…" })}
                </FormLayout>
              </Card>
              <Button submit variant="primary" loading={navigation.state === "submitting"}>
                Save reward
              </Button>
            </BlockStack>
          </Layout.Section>
        </Layout>
      </Form>
    </Page>
  );
}

export function ErrorBoundary() {
  return <RouteErrorBoundary title="Reward" backUrl="/app/rewards" />;
}
