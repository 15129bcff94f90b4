// Admin home (first version): turn the program on, set the earning rule, see members and balances.
import { useEffect, useState } from "react";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import {
  Badge,
  BlockStack,
  Box,
  Button,
  Card,
  Checkbox,
  DataTable,
  EmptyState,
  InlineGrid,
  Layout,
  Page,
  Select,
  Text,
  TextField,
} from "@shopify/polaris";
import { z } from "zod";
import { authenticate } from "~/shopify.server";
import { getShop } from "~/models/shops.server";
import { listMembers } from "~/models/members.server";
import { updateProgramSettings } from "~/models/program.server";
import { actingStaff } from "~/lib/staff.server";
import { AWARD_TIMINGS } from "~/loyalty/program";

export async function loader({ request }: LoaderFunctionArgs) {
  const { session } = await authenticate.admin(request);
  const shop = await getShop(session.shop);
  const members = await listMembers(session.shop, { take: 25 });
  return json({ shop: session.shop, currency: shop?.currency ?? "USD", program: shop?.program ?? null, members });
}

const programFormSchema = z.object({
  enabled: z.enum(["on", "off"]).transform((v) => v === "on"),
  pointsPerUnit: z.coerce.number({ invalid_type_error: "Enter a whole number" }).int("Enter a whole number").min(0).max(1000),
  awardOn: z.enum(AWARD_TIMINGS),
  pendingDays: z.coerce.number({ invalid_type_error: "Enter a whole number" }).int("Enter a whole number").min(0).max(365),
});

export async function action({ request }: ActionFunctionArgs) {
  const { session, sessionToken } = await authenticate.admin(request);
  const form = Object.fromEntries(await request.formData());
  const parsed = programFormSchema.safeParse(form);
  if (!parsed.success) {
    return json({ ok: false as const, fieldErrors: parsed.error.flatten().fieldErrors }, { status: 422 });
  }
  const { enabled, ...earning } = parsed.data;
  const result = await updateProgramSettings(session.shop, actingStaff(sessionToken, session.shop), { enabled, earning });
  if (!result.ok) return json({ ok: false as const, fieldErrors: result.fieldErrors }, { status: 422 });
  return json({ ok: true as const, changed: result.changed });
}

type ActionData = { ok: true; changed: string[] } | { ok: false; fieldErrors: Record<string, string[] | string | undefined> };

function firstError(errors: ActionData | undefined, field: string): string | undefined {
  if (!errors || errors.ok) return undefined;
  const value = errors.fieldErrors[field] ?? errors.fieldErrors[`earning.${field}`];
  return Array.isArray(value) ? value[0] : value;
}

export default function AdminHome() {
  const { program, members, currency } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>() as ActionData | undefined;
  const navigation = useNavigation();
  const [enabled, setEnabled] = useState(program?.enabled ?? false);
  const [rate, setRate] = useState(String(program?.earning.pointsPerUnit ?? 1));
  const [awardOn, setAwardOn] = useState<string>(program?.earning.awardOn ?? "paid");
  const [pendingDays, setPendingDays] = useState(String(program?.earning.pendingDays ?? 0));

  useEffect(() => {
    if (actionData?.ok && typeof window !== "undefined") {
      (window as unknown as { shopify?: { toast?: { show: (m: string) => void } } }).shopify?.toast?.show("Program saved");
    }
  }, [actionData]);

  const rows = members.map((m) => [
    [m.firstName, m.lastName].filter(Boolean).join(" ") || "—",
    m.email ?? "—",
    m.balance.toLocaleString("en"),
    m.pending.toLocaleString("en"),
    new Date(m.lastActivityAt).toLocaleDateString("en"),
  ]);

  return (
    <Page title="Loyalist">
      <Layout>
        <Layout.Section>
          <Card>
            <Form method="post">
              <BlockStack gap="400">
                <InlineGrid columns="1fr auto">
                  <Text as="h2" variant="headingMd">
                    Program
                  </Text>
                  <Badge tone={enabled ? "success" : "attention"}>{enabled ? "On" : "Off"}</Badge>
                </InlineGrid>
                <input type="hidden" name="enabled" value={enabled ? "on" : "off"} />
                <Checkbox label="Program is on: shoppers earn points on orders" checked={enabled} onChange={setEnabled} />
                <InlineGrid columns={{ xs: 1, md: 3 }} gap="400">
                  <TextField
                    label={`Points per 1 ${currency}`}
                    name="pointsPerUnit"
                    type="number"
                    min={0}
                    value={rate}
                    onChange={setRate}
                    autoComplete="off"
                    error={firstError(actionData, "pointsPerUnit")}
                    helpText="Earned on the subtotal after discounts; no shipping, taxes or gift cards."
                  />
                  <Select
                    label="Award points when an order is"
                    name="awardOn"
                    options={[
                      { label: "Paid", value: "paid" },
                      { label: "Fulfilled", value: "fulfilled" },
                    ]}
                    value={awardOn}
                    onChange={setAwardOn}
                  />
                  <TextField
                    label="Pending days"
                    name="pendingDays"
                    type="number"
                    min={0}
                    value={pendingDays}
                    onChange={setPendingDays}
                    autoComplete="off"
                    error={firstError(actionData, "pendingDays")}
                    helpText="Points wait this long before they can be spent."
                  />
                </InlineGrid>
                <Box>
                  <Button submit variant="primary" loading={navigation.state === "submitting"}>
                    Save
                  </Button>
                </Box>
              </BlockStack>
            </Form>
          </Card>
        </Layout.Section>
        <Layout.Section>
          <Card padding="0">
            {rows.length ? (
              <DataTable
                columnContentTypes={["text", "text", "numeric", "numeric", "text"]}
                headings={["Member", "Email", "Balance", "Pending", "Last activity"]}
                rows={rows}
              />
            ) : (
              <EmptyState heading="No members yet" image="">
                <p>Shoppers become members when they place their first order.</p>
              </EmptyState>
            )}
          </Card>
        </Layout.Section>
      </Layout>
    </Page>
  );
}
