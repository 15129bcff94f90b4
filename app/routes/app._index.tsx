// Admin home: the setup checklist of a new install, the program's vital numbers, quick program controls and
// the most recently active members.
import { useEffect, useState } from "react";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData, useFetcher, useLoaderData, useNavigation } from "@remix-run/react";
import {
  Badge,
  BlockStack,
  Box,
  Button,
  Card,
  Checkbox,
  DataTable,
  Icon,
  InlineGrid,
  InlineStack,
  Layout,
  Link,
  Page,
  ProgressBar,
  Select,
  Text,
  TextField,
} from "@shopify/polaris";
import { CheckCircleIcon } from "@shopify/polaris-icons";
import { authenticate } from "~/shopify.server";
import { readFormFields } from "~/platform/form-body.server";
import { env } from "~/platform/env.server";
import { listMembers } from "~/members/members.server";
import { updateProgramSettings } from "~/program/program.server";
import { confirmAppEmbed, homeOverview } from "~/program/dashboard.server";
import { SETUP_STEPS, type SetupStep } from "~/program/setup";
import { homeActionSchema } from "~/program/home-form";
import { staffActor } from "~/platform/staff.server";
import { EmptyCard } from "~/components/EmptyCard";
import { RouteErrorBoundary } from "~/components/RouteErrorBoundary";
import { formatDate, formatMoney, formatNumber, formatPercent } from "~/components/format";
import { useToast } from "~/components/toast";
import { t } from "~/platform/i18n";
import { fieldErrorsFromZod, type FormErrorReply } from "~/platform/form-errors";

export async function loader({ request }: LoaderFunctionArgs) {
  const { session } = await authenticate.admin(request);
  const [overview, members] = await Promise.all([homeOverview(session.shop), listMembers(session.shop, { take: 5 })]);
  return json({ shop: session.shop, apiKey: env().SHOPIFY_API_KEY, ...overview, members });
}

export async function action({ request }: ActionFunctionArgs) {
  const { session, sessionToken } = await authenticate.admin(request);
  const form = await readFormFields(request);
  const parsed = homeActionSchema.safeParse({ intent: "program", ...form });
  if (!parsed.success) {
    return json({ ok: false as const, fieldErrors: fieldErrorsFromZod(parsed.error) }, { status: 422 });
  }
  const actor = await staffActor(sessionToken, session.shop);
  const input = parsed.data;
  if (input.intent === "confirm_embed") {
    await confirmAppEmbed(session.shop, actor);
    return json({ ok: true as const, changed: ["app_embed"] });
  }
  const change =
    input.intent === "enable"
      ? { enabled: true }
      : { enabled: input.enabled, earning: { pointsPerUnit: input.pointsPerUnit, awardOn: input.awardOn, pendingDays: input.pendingDays } };
  const result = await updateProgramSettings(session.shop, actor, change);
  if (!result.ok) return json({ ok: false as const, fieldErrors: result.fieldErrors }, { status: 422 });
  return json({ ok: true as const, changed: result.changed });
}

type ActionData = { ok: true; changed: string[] } | FormErrorReply;

function firstError(errors: ActionData | undefined, field: string): string | undefined {
  if (!errors || errors.ok) return undefined;
  return errors.fieldErrors[field] ?? errors.fieldErrors[`earning.${field}`];
}

export default function AdminHome() {
  const data = useLoaderData<typeof loader>();
  return (
    <Page title={t("home.title")}>
      <Layout>
        <Layout.Section>
          <BlockStack gap="400">
            <SetupChecklist />
            <Vitals />
            <ProgramCard />
            <RecentMembers members={data.members} />
          </BlockStack>
        </Layout.Section>
      </Layout>
    </Page>
  );
}

function SetupChecklist() {
  const { steps, shop, apiKey } = useLoaderData<typeof loader>();
  const fetcher = useFetcher<typeof action>();
  const done = SETUP_STEPS.filter((s) => steps[s]).length;
  if (done === SETUP_STEPS.length) return null;
  const busy = (intent: string) => fetcher.state !== "idle" && fetcher.formData?.get("intent") === intent;
  const actionFor = (step: SetupStep) => {
    switch (step) {
      case "program_on":
        return (
          <fetcher.Form method="post">
            <input type="hidden" name="intent" value="enable" />
            <Button submit variant="primary" loading={busy("enable")}>
              {t("home.steps.program_on.action")}
            </Button>
          </fetcher.Form>
        );
      case "earning_rate":
        return <Button url="/app/settings">{t("home.steps.earning_rate.action")}</Button>;
      case "first_reward":
        return <Button url="/app/rewards/new">{t("home.steps.first_reward.action")}</Button>;
      case "app_embed":
        return (
          <InlineStack gap="200">
            <Button url={`https://${shop}/admin/themes/current/editor?context=apps&activateAppId=${apiKey}/loyalist-embed`} external>
              {t("home.steps.app_embed.action")}
            </Button>
            {/* The storefront in a new tab, where the launcher shows once the embed is on. */}
            <Button url={`https://${shop}`} external variant="plain">
              {t("home.steps.app_embed.preview")}
            </Button>
            <fetcher.Form method="post">
              <input type="hidden" name="intent" value="confirm_embed" />
              <Button submit variant="plain" loading={busy("confirm_embed")}>
                {t("home.steps.app_embed.confirm")}
              </Button>
            </fetcher.Form>
          </InlineStack>
        );
    }
  };
  return (
    <Card>
      <BlockStack gap="400">
        <BlockStack gap="200">
          <Text as="h2" variant="headingMd">
            {t("home.setupTitle")}
          </Text>
          <InlineStack gap="300" blockAlign="center" wrap={false}>
            <Text as="span" tone="subdued">
              {t("home.setupProgress", { done, total: SETUP_STEPS.length })}
            </Text>
            <Box width="200px">
              <ProgressBar progress={(done / SETUP_STEPS.length) * 100} size="small" tone="primary" />
            </Box>
          </InlineStack>
        </BlockStack>
        <BlockStack gap="300" as="ul">
          {SETUP_STEPS.map((step) => (
            <Box
              as="li"
              key={step}
              padding="300"
              background={steps[step] ? "bg-surface-secondary" : "bg-surface"}
              borderRadius="200"
              borderWidth="025"
              borderColor="border"
            >
              <InlineGrid columns="auto 1fr auto" gap="300" alignItems="center">
                <Box>{steps[step] ? <Icon source={CheckCircleIcon} tone="success" accessibilityLabel={t("home.done")} /> : <EmptyCircle />}</Box>
                <BlockStack gap="100">
                  <Text as="h3" variant="headingSm" tone={steps[step] ? "subdued" : undefined}>
                    {t(`home.steps.${step}.title`)}
                  </Text>
                  {!steps[step] ? (
                    <Text as="p" tone="subdued">
                      {t(`home.steps.${step}.body`)}
                    </Text>
                  ) : null}
                </BlockStack>
                <Box>{steps[step] ? <Badge tone="success">{t("home.done")}</Badge> : actionFor(step)}</Box>
              </InlineGrid>
            </Box>
          ))}
        </BlockStack>
      </BlockStack>
    </Card>
  );
}

function EmptyCircle() {
  return <span aria-hidden style={{ display: "inline-block", width: 20, height: 20, borderRadius: "50%", border: "2px dashed #8a8a8a" }} />;
}

function Stat({ label, value, help, url, linkLabel }: { label: string; value: string; help?: string; url?: string; linkLabel?: string }) {
  return (
    <Card>
      <BlockStack gap="200">
        <Text as="h3" variant="headingSm" tone="subdued">
          {label}
        </Text>
        <Text as="p" variant="headingXl">
          {value}
        </Text>
        {help ? (
          <Text as="p" variant="bodySm" tone="subdued">
            {help}
          </Text>
        ) : null}
        {url ? <Link url={url}>{linkLabel}</Link> : null}
      </BlockStack>
    </Card>
  );
}

function Vitals() {
  const { stats, currency } = useLoaderData<typeof loader>();
  const period = t("home.periodNote", { days: stats.periodDays });
  const from = stats.pointValueFrom === "setting" ? t("home.valueFromSetting") : t("home.valueFromReward");
  return (
    <BlockStack gap="200">
      <Text as="h2" variant="headingMd">
        {t("home.vitals")}
      </Text>
      <InlineGrid columns={{ xs: 1, sm: 2, md: 3, lg: 5 }} gap="300">
        <Stat label={t("home.members")} value={formatNumber(stats.members)} url="/app/members" linkLabel={t("home.viewMembers")} />
        <Stat label={t("home.issued")} value={formatNumber(stats.issued)} help={period} url="/app/activity" linkLabel={t("home.viewActivity")} />
        <Stat label={t("home.redeemed")} value={formatNumber(stats.redeemed)} help={period} />
        <Stat label={t("home.redemptionRate")} value={stats.redemptionRate === null ? "—" : formatPercent(stats.redemptionRate)} help={period} />
        <Stat
          label={t("home.liability")}
          value={stats.liabilityMinor === null ? "—" : formatMoney(stats.liabilityMinor, currency)}
          help={
            stats.liabilityMinor === null || stats.pointValueMinorPer100 === null
              ? t("home.liabilityUnknown")
              : t("home.liabilityHelp", { points: formatNumber(stats.outstandingPoints), value: formatMoney(stats.pointValueMinorPer100, currency), from })
          }
          url="/app/members?sort=balance_desc"
          linkLabel={t("home.viewMembers")}
        />
      </InlineGrid>
    </BlockStack>
  );
}

function ProgramCard() {
  const toast = useToast();
  const { program, currency } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>() as ActionData | undefined;
  const navigation = useNavigation();
  const [enabled, setEnabled] = useState(program.enabled);
  const [rate, setRate] = useState(String(program.earning.pointsPerUnit));
  const [awardOn, setAwardOn] = useState<string>(program.earning.awardOn);
  const [pendingDays, setPendingDays] = useState(String(program.earning.pendingDays));
  useEffect(() => setEnabled(program.enabled), [program.enabled]);
  useEffect(() => {
    if (actionData?.ok) toast(t("home.saved"));
  }, [actionData, toast]);
  return (
    <Card>
      <Form method="post">
        <input type="hidden" name="intent" value="program" />
        <BlockStack gap="400">
          <InlineGrid columns="1fr auto">
            <Text as="h2" variant="headingMd">
              {t("home.quickTitle")}
            </Text>
            <Badge tone={program.enabled ? "success" : "attention"}>{t(program.enabled ? "home.badgeOn" : "home.badgeOff")}</Badge>
          </InlineGrid>
          <input type="hidden" name="enabled" value={enabled ? "on" : "off"} />
          <Checkbox label={t("settings.enabled")} checked={enabled} onChange={setEnabled} />
          <InlineGrid columns={{ xs: 1, md: 3 }} gap="400">
            <TextField
              label={t("settings.pointsPerUnit", { currency })}
              name="pointsPerUnit"
              type="number"
              min={0}
              value={rate}
              onChange={setRate}
              autoComplete="off"
              error={firstError(actionData, "pointsPerUnit")}
              helpText={t("settings.earningHelp")}
            />
            <Select
              label={t("settings.awardOn")}
              name="awardOn"
              options={[
                { label: t("settings.paid"), value: "paid" },
                { label: t("settings.fulfilled"), value: "fulfilled" },
              ]}
              value={awardOn}
              onChange={setAwardOn}
            />
            <TextField
              label={t("settings.pendingDays")}
              name="pendingDays"
              type="number"
              min={0}
              value={pendingDays}
              onChange={setPendingDays}
              autoComplete="off"
              error={firstError(actionData, "pendingDays")}
              helpText={t("settings.pendingDaysHelp")}
            />
          </InlineGrid>
          <InlineStack gap="300" blockAlign="center">
            <Button submit variant="primary" loading={navigation.state === "submitting" && navigation.formData?.get("intent") === "program"}>
              {t("common.save")}
            </Button>
            <Link url="/app/settings">{t("home.editSettings")}</Link>
          </InlineStack>
        </BlockStack>
      </Form>
    </Card>
  );
}

function RecentMembers({
  members,
}: {
  members: { id: string; firstName: string | null; lastName: string | null; email: string | null; balance: number; pending: number; lastActivityAt: string }[];
}) {
  if (!members.length) {
    return (
      <EmptyCard heading={t("members.emptyTitle")} action={{ content: t("members.emptyAction"), url: "/app/import" }}>
        {t("members.emptyBody")}
      </EmptyCard>
    );
  }
  const rows = members.map((m) => [
    <Link key={m.id} url={`/app/members/${m.id}`} removeUnderline>
      {[m.firstName, m.lastName].filter(Boolean).join(" ") || t("members.noName")}
    </Link>,
    m.email ?? "—",
    formatNumber(m.balance),
    formatNumber(m.pending),
    formatDate(m.lastActivityAt),
  ]);
  return (
    <Card padding="0">
      <Box padding="400" paddingBlockEnd="200">
        <InlineGrid columns="1fr auto">
          <Text as="h2" variant="headingMd">
            {t("members.title")}
          </Text>
          <Link url="/app/members">{t("home.viewMembers")}</Link>
        </InlineGrid>
      </Box>
      <DataTable
        columnContentTypes={["text", "text", "numeric", "numeric", "text"]}
        headings={[t("members.member"), t("members.email"), t("members.balance"), t("members.pending"), t("members.lastActivity")]}
        rows={rows}
      />
    </Card>
  );
}

export function ErrorBoundary() {
  return <RouteErrorBoundary title={t("home.title")} />;
}
