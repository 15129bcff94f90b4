// Import members and starting balances from another loyalty app: upload a CSV, see a preview with every
// row's problems (downloadable as an error report), then import. Also the members export.
import { useEffect, useState } from "react";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Badge, Banner, BlockStack, Box, Button, Card, DataTable, DropZone, InlineStack, Layout, Link, Page, Text } from "@shopify/polaris";
import { z } from "zod";
import { authenticate } from "~/shopify.server";
import { adminClientForSession } from "~/platform/shopify/admin-client.server";
import { readForm, readSearchParams } from "~/platform/form-body.server";
import { commitImport, getImport, previewImport, recentImports, type ImportSummary } from "~/members/member-import.server";
import { staffActor } from "~/platform/staff.server";
import { bannerMessages, fieldErrorsFromZod } from "~/platform/form-errors";
import { RouteErrorBoundary } from "~/components/RouteErrorBoundary";
import { CsvDownloadButton } from "~/components/CsvDownloadButton";
import { formatDateTime, formatNumber } from "~/components/format";
import { useToast } from "~/components/toast";
import { t } from "~/platform/i18n";

export async function loader({ request }: LoaderFunctionArgs) {
  const { session } = await authenticate.admin(request);
  const id = readSearchParams(request).get("id");
  const [recent, selected] = await Promise.all([recentImports(session.shop), id ? getImport(session.shop, id) : null]);
  return json({ recent, selected });
}

const MAX_BYTES = 20 * 1024 * 1024;
// Built per request: its messages are in the viewer's language.
const uploadSchema = () =>
  z.object({
    intent: z.literal("preview"),
    file: z
      .instanceof(Blob, { message: t("import.chooseFile") })
      .refine((f) => f.size > 0, t("import.fileEmpty"))
      .refine((f) => f.size <= MAX_BYTES, t("import.fileTooBig", { mb: MAX_BYTES / 1024 / 1024 })),
  });
const commitSchema = z.object({ intent: z.literal("commit"), importId: z.string().min(1).max(64) });

export async function action({ request }: ActionFunctionArgs) {
  const { session, sessionToken } = await authenticate.admin(request);
  const form = await readForm(request);
  const actor = await staffActor(sessionToken, session.shop);
  if (form.get("intent") === "commit") {
    const parsed = commitSchema.safeParse(Object.fromEntries(form));
    if (!parsed.success) return json({ ok: false as const, fieldErrors: fieldErrorsFromZod(parsed.error) }, { status: 422 });
    const result = await commitImport(session.shop, parsed.data.importId, actor);
    if (!result.ok) return json(result, { status: 404 });
    return json({ ok: true as const, import: result.import, posted: result.posted, alreadyImported: false, committed: true });
  }
  const parsed = uploadSchema().safeParse({ intent: "preview", file: form.get("file") });
  if (!parsed.success) return json({ ok: false as const, fieldErrors: fieldErrorsFromZod(parsed.error) }, { status: 422 });
  const file = parsed.data.file as File;
  const result = await previewImport({ domain: session.shop, admin: adminClientForSession(session) }, actor, {
    name: file.name ?? "import.csv",
    text: await file.text(),
  });
  if (!result.ok) return json(result, { status: 422 });
  return json({ ok: true as const, import: result.import, alreadyImported: result.alreadyImported, posted: 0, committed: false });
}

type ActionResult =
  { ok: true; import: ImportSummary; alreadyImported: boolean; posted: number; committed: boolean } | { ok: false; fieldErrors: Record<string, string> };

export default function ImportPage() {
  const toast = useToast();
  const { recent, selected } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>() as ActionResult | undefined;
  const navigation = useNavigation();
  const [file, setFile] = useState<File | null>(null);
  const current = actionData?.ok ? actionData.import : (selected ?? null);
  const busy = (intent: string) => navigation.state === "submitting" && navigation.formData?.get("intent") === intent;
  useEffect(() => {
    if (actionData?.ok && actionData.committed) toast(t("import.committed", { posted: formatNumber(actionData.posted) }));
  }, [actionData, toast]);

  return (
    <Page title={t("import.title")}>
      <Layout>
        <Layout.Section>
          <BlockStack gap="400">
            <Card>
              <Form method="post" encType="multipart/form-data" id="import-upload">
                <input type="hidden" name="intent" value="preview" />
                <BlockStack gap="300">
                  <Text as="p">{t("import.intro")}</Text>
                  <DropZone
                    label={t("import.file")}
                    accept=".csv,text/csv"
                    type="file"
                    allowMultiple={false}
                    onDrop={(files) => setFile(files[0] ?? null)}
                    variableHeight
                  >
                    <Box padding="400">
                      <BlockStack gap="200" inlineAlign="center">
                        <input
                          type="file"
                          name="file"
                          accept=".csv,text/csv"
                          aria-label={t("import.file")}
                          onChange={(e) => setFile(e.currentTarget.files?.[0] ?? null)}
                          onClick={(e) => e.stopPropagation()}
                        />
                        {file ? <Text as="span" tone="subdued">{`${file.name} · ${formatNumber(file.size)} bytes`}</Text> : null}
                      </BlockStack>
                    </Box>
                  </DropZone>
                  {actionData && !actionData.ok ? (
                    <Banner tone="critical" title={t("common.errorTitle")}>
                      <p>{bannerMessages(actionData.fieldErrors).join(" ")}</p>
                    </Banner>
                  ) : null}
                  <InlineStack align="end">
                    <Button submit variant="primary" loading={busy("preview")}>
                      {t("import.upload")}
                    </Button>
                  </InlineStack>
                </BlockStack>
              </Form>
            </Card>
            {current ? (
              <Preview current={current} alreadyImported={actionData?.ok ? actionData.alreadyImported : current.status === "committed"} busy={busy("commit")} />
            ) : null}
          </BlockStack>
        </Layout.Section>
        <Layout.Section variant="oneThird">
          <BlockStack gap="400">
            <Card>
              <BlockStack gap="300">
                <Text as="h2" variant="headingMd">
                  {t("import.exportTitle")}
                </Text>
                <Text as="p" tone="subdued">
                  {t("import.exportBody")}
                </Text>
                <CsvDownloadButton url="/app/members/export" fileName="loyalist-members.csv" label={t("common.export")} />
              </BlockStack>
            </Card>
            <Card>
              <BlockStack gap="300">
                <Text as="h2" variant="headingMd">
                  {t("import.recent")}
                </Text>
                {recent.length ? (
                  <BlockStack gap="200" as="ul">
                    {recent.map((r) => (
                      <InlineStack as="li" key={r.id} align="space-between" blockAlign="center" gap="200">
                        <BlockStack gap="050">
                          <Link url={`/app/import?id=${r.id}`}>{r.fileName}</Link>
                          <Text as="span" variant="bodySm" tone="subdued">
                            {formatDateTime(r.createdAt)} · {formatNumber(r.validRows)}/{formatNumber(r.totalRows)}
                          </Text>
                        </BlockStack>
                        <Badge tone={r.status === "committed" ? "success" : "info"}>{t(`import.status.${r.status}`)}</Badge>
                      </InlineStack>
                    ))}
                  </BlockStack>
                ) : (
                  <Text as="p" tone="subdued">
                    {t("import.emptyRecent")}
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

function Preview({ current, alreadyImported, busy }: { current: ImportSummary; alreadyImported: boolean; busy: boolean }) {
  const committed = current.status === "committed";
  return (
    <Card>
      <BlockStack gap="400">
        <InlineStack align="space-between" blockAlign="center">
          <Text as="h2" variant="headingMd">
            {t("import.previewTitle", { file: current.fileName })}
          </Text>
          <Badge tone={committed ? "success" : "info"}>{t(`import.status.${current.status}`)}</Badge>
        </InlineStack>
        {alreadyImported && committed ? (
          <Banner tone="info">
            <p>{t("import.alreadyImported", { date: formatDateTime(current.committedAt ?? current.createdAt) })}</p>
          </Banner>
        ) : null}
        <Text as="p">
          {t("import.previewBody", { valid: formatNumber(current.validRows), total: formatNumber(current.totalRows), points: formatNumber(current.points) })}
          {committed ? "" : ` ${t("import.notApplied")}`}
        </Text>
        {current.errorCount ? (
          <Banner tone="warning" title={t("import.errorsTitle", { count: formatNumber(current.errorCount) })}>
            <BlockStack gap="300">
              <p>{t("import.errorsBody")}</p>
              <DataTable
                columnContentTypes={["numeric", "text", "text", "text"]}
                headings={[t("import.line"), t("members.email"), t("import.field"), t("import.message")]}
                rows={current.errors.slice(0, 10).map((e) => [e.row, e.email || "—", e.field, e.message])}
              />
              <InlineStack>
                <CsvDownloadButton url={`/app/import/${current.id}/errors`} fileName="loyalist-import-errors.csv" label={t("import.downloadErrors")} />
              </InlineStack>
            </BlockStack>
          </Banner>
        ) : null}
        {current.sample.length ? (
          <DataTable
            columnContentTypes={["numeric", "text", "text", "numeric", "text", "text"]}
            headings={[t("import.line"), t("members.email"), t("members.member"), t("member.points"), t("import.tier"), t("import.birthday")]}
            rows={current.sample.map((r) => [
              r.row,
              r.email,
              [r.firstName, r.lastName].filter(Boolean).join(" ") || "—",
              formatNumber(r.points),
              r.tier ?? "—",
              r.birthday ?? "—",
            ])}
          />
        ) : null}
        {!committed && current.validRows > 0 ? (
          <Form method="post">
            <input type="hidden" name="intent" value="commit" />
            <input type="hidden" name="importId" value={current.id} />
            <InlineStack align="end">
              <Button submit variant="primary" loading={busy}>
                {t("import.commit", { valid: formatNumber(current.validRows) })}
              </Button>
            </InlineStack>
          </Form>
        ) : null}
      </BlockStack>
    </Card>
  );
}

export function ErrorBoundary() {
  return <RouteErrorBoundary title={t("import.title")} backUrl="/app/members" />;
}
