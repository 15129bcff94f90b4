// Admin: create or edit a way to earn. The kind's own fields appear for its kind; the same rules validate on the server.
import { useState } from "react";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Banner, BlockStack, Button, Card, Checkbox, FormLayout, Layout, Page, Select, TextField } from "@shopify/polaris";
import { authenticate } from "~/shopify.server";
import { readFormFields, readRouteParam } from "~/platform/form-body.server";
import { staffActor } from "~/platform/staff.server";
import { getAction, saveAction } from "~/actions/settings.server";
import { actionFormValues, parseActionForm, type ActionFormValues } from "~/actions/action-form";
import { ACTION_KINDS, ACTION_LIMITS, CHALLENGE_GOALS, effectiveLimit, type ActionKind, type ActionLimit } from "~/actions/actions";
import { bannerMessages } from "~/platform/form-errors";
import { t } from "~/platform/i18n";
import { RouteErrorBoundary } from "~/components/RouteErrorBoundary";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { session } = await authenticate.admin(request);
  const isNew = params.id === "new";
  const existing = isNew ? null : await getAction(session.shop, readRouteParam(params, "id"));
  if (!isNew && !existing) throw new Response("Not found", { status: 404 });
  return json({ isNew, values: actionFormValues(existing) });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { session, sessionToken } = await authenticate.admin(request);
  const parsed = parseActionForm(await readFormFields(request));
  if (!parsed.ok) return json({ fieldErrors: parsed.fieldErrors }, { status: 422 });
  const id = params.id === "new" ? null : readRouteParam(params, "id");
  const saved = await saveAction(session.shop, await staffActor(sessionToken, session.shop), id, parsed.input);
  if (!saved.ok) throw new Response("Not found", { status: 404 });
  return redirect("/app/actions");
}

/** The kind's own fields, in the order the form shows them (labels and help under actions.fields.<key>). */
const KIND_FIELDS: Partial<Record<ActionKind, { key: string; multiline?: boolean; type?: "number" }[]>> = {
  social_follow: [{ key: "networks", multiline: true }],
  social_share: [{ key: "networks", multiline: true }],
  survey: [{ key: "questions", multiline: true }],
  challenge: [
    { key: "target", type: "number" },
    { key: "withinDays", type: "number" },
  ],
  poll: [{ key: "pollQuestion" }, { key: "pollOptions", multiline: true }, { key: "minimumTier" }],
};

export default function ActionForm() {
  const { isNew, values: initial } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const [values, setValues] = useState<ActionFormValues>(initial);
  const errors: Record<string, string> = actionData?.fieldErrors ?? {};
  const kind = values.kind as ActionKind;
  const fixedLimit = effectiveLimit(kind, "day") === effectiveLimit(kind, "week") ? effectiveLimit(kind, "day") : null;
  const set = (key: string) => (value: string) => setValues((v) => ({ ...v, [key]: value }));
  const field = (key: string, extra: { multiline?: boolean; type?: "number" | "date"; noHelp?: boolean } = {}) => (
    <TextField
      key={key}
      label={t(`actions.fields.${key}`)}
      helpText={extra.noHelp ? undefined : t(`actions.help.${key}`)}
      name={key}
      value={values[key] ?? ""}
      onChange={set(key)}
      error={errors[key]}
      autoComplete="off"
      type={extra.type ?? "text"}
      multiline={extra.multiline ? 4 : undefined}
    />
  );
  const messages = bannerMessages(errors);
  return (
    <Page title={isNew ? t("actions.newTitle") : values.title} backAction={{ content: t("nav.actions"), url: "/app/actions" }}>
      <Form method="post">
        <Layout>
          <Layout.Section>
            <BlockStack gap="400">
              {messages.length > 0 && (
                <Banner tone="critical" title={t("actions.form.fix")}>
                  <ul>
                    {messages.map((m) => (
                      <li key={m}>{m}</li>
                    ))}
                  </ul>
                </Banner>
              )}
              <Card>
                <FormLayout>
                  <Select
                    label={t("actions.fields.kind")}
                    name="kind"
                    disabled={!isNew}
                    options={ACTION_KINDS.map((k) => ({ label: t(`actions.kinds.${k}`), value: k }))}
                    value={values.kind}
                    onChange={set("kind")}
                    helpText={t(`actions.kindHelp.${kind}`)}
                  />
                  {!isNew && <input type="hidden" name="kind" value={values.kind} />}
                  {field("title")}
                  {field("points", { type: "number" })}
                  {fixedLimit ? (
                    <>
                      <input type="hidden" name="limit" value={fixedLimit} />
                      <Select
                        label={t("actions.fields.limit")}
                        options={[{ label: t(`actions.limits.${fixedLimit}`), value: fixedLimit }]}
                        value={fixedLimit}
                        disabled
                      />
                    </>
                  ) : (
                    <Select
                      label={t("actions.fields.limit")}
                      name="limit"
                      options={ACTION_LIMITS.map((l: ActionLimit) => ({ label: t(`actions.limits.${l}`), value: l }))}
                      value={values.limit}
                      onChange={set("limit")}
                      error={errors.limit}
                    />
                  )}
                  <FormLayout.Group>
                    {field("startsAt", { type: "date", noHelp: true })}
                    {field("endsAt", { type: "date", noHelp: true })}
                  </FormLayout.Group>
                  <input type="hidden" name="enabled" value={values.enabled === "off" ? "off" : "on"} />
                  <Checkbox label={t("actions.fields.enabled")} checked={values.enabled !== "off"} onChange={(on) => set("enabled")(on ? "on" : "off")} />
                </FormLayout>
              </Card>
              {KIND_FIELDS[kind] && (
                <Card>
                  <FormLayout>
                    {kind === "challenge" && (
                      <Select
                        label={t("actions.fields.goal")}
                        name="goal"
                        options={CHALLENGE_GOALS.map((g) => ({ label: t(`actions.goals.${g}`), value: g }))}
                        value={values.goal}
                        onChange={set("goal")}
                        error={errors.goal}
                      />
                    )}
                    {KIND_FIELDS[kind]!.map((f) => field(f.key, f))}
                  </FormLayout>
                </Card>
              )}
              <Button submit variant="primary" loading={navigation.state === "submitting"}>
                {t("common.save")}
              </Button>
            </BlockStack>
          </Layout.Section>
        </Layout>
      </Form>
    </Page>
  );
}

export function ErrorBoundary() {
  return <RouteErrorBoundary title={t("nav.actions")} />;
}
