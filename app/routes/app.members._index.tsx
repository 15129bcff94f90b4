// Members: search by name or email, filter by balance and last activity, sort, and keyset pages that cost the
// same at any depth (100k members and more).
import { useCallback, useEffect, useState } from "react";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import {
  BlockStack,
  Card,
  ChoiceList,
  IndexFilters,
  IndexFiltersMode,
  IndexTable,
  Link,
  Page,
  Text,
  TextField,
  useSetIndexFiltersMode,
  type IndexFiltersProps,
} from "@shopify/polaris";
import { authenticate } from "~/shopify.server";
import { readSearchParams } from "~/platform/form-body.server";
import { listMembersPage } from "~/members/member-directory.server";
import { ACTIVITY_WINDOWS, parseMemberQuery, type MemberSort } from "~/members/member-filters";
import { EmptyCard } from "~/components/EmptyCard";
import { KeysetPagination } from "~/components/KeysetPagination";
import { RouteErrorBoundary } from "~/components/RouteErrorBoundary";
import { CsvDownloadButton } from "~/components/CsvDownloadButton";
import { formatDate, formatNumber } from "~/components/format";
import { t } from "~/platform/i18n";

export async function loader({ request }: LoaderFunctionArgs) {
  const { session } = await authenticate.admin(request);
  const query = parseMemberQuery(readSearchParams(request));
  const page = await listMembersPage(session.shop, query);
  return json({ query, ...page });
}

// A function, not a constant: the labels are in the viewer's language, known only when rendering.
const sortOptions = (): IndexFiltersProps["sortOptions"] => [
  { label: t("members.lastActivity"), value: "activity desc", directionLabel: t("members.sortNewest") },
  { label: t("members.lastActivity"), value: "activity asc", directionLabel: t("members.sortOldest") },
  { label: t("members.balance"), value: "balance desc", directionLabel: t("members.sortHighest") },
  { label: t("members.balance"), value: "balance asc", directionLabel: t("members.sortLowest") },
  { label: t("members.joined"), value: "joined desc", directionLabel: t("members.sortNewest") },
  { label: t("members.joined"), value: "joined asc", directionLabel: t("members.sortOldest") },
];
const toSortValue = (sort: MemberSort) => sort.replace("_", " ");
const fromSortValue = (value: string) => value.replace(" ", "_") as MemberSort;

export default function Members() {
  const { query, rows, nextCursor, previousCursor } = useLoaderData<typeof loader>();
  const [params, setParams] = useSearchParams();
  const navigation = useNavigation();
  // The search field stays open: looking a member up is what staff come here for.
  const { mode, setMode } = useSetIndexFiltersMode(IndexFiltersMode.Filtering);
  const [search, setSearch] = useState(query.q);
  const [minBalance, setMinBalance] = useState(query.minBalance?.toString() ?? "");
  const [maxBalance, setMaxBalance] = useState(query.maxBalance?.toString() ?? "");
  const filtered = !!(query.q || query.minBalance !== undefined || query.maxBalance !== undefined || query.activity !== "any");

  const update = useCallback(
    (changes: Record<string, string | undefined>) => {
      const next = new URLSearchParams(params);
      for (const [key, value] of Object.entries(changes)) {
        if (value === undefined || value === "") next.delete(key);
        else next.set(key, value);
      }
      next.delete("after");
      next.delete("before");
      setParams(next, { replace: true, preventScrollReset: true });
    },
    [params, setParams],
  );

  // Search as the merchant types, a moment after they stop.
  useEffect(() => {
    if (search === query.q) return;
    const timer = setTimeout(() => update({ q: search.trim() || undefined }), 300);
    return () => clearTimeout(timer);
  }, [search, query.q, update]);
  // Balance bounds likewise.
  useEffect(() => {
    if (minBalance === (query.minBalance?.toString() ?? "") && maxBalance === (query.maxBalance?.toString() ?? "")) return;
    const timer = setTimeout(() => update({ minBalance: minBalance || undefined, maxBalance: maxBalance || undefined }), 400);
    return () => clearTimeout(timer);
  }, [minBalance, maxBalance, query.minBalance, query.maxBalance, update]);

  const filters: IndexFiltersProps["filters"] = [
    {
      key: "balance",
      label: t("members.balance"),
      filter: (
        <BlockStack gap="200">
          <TextField label={t("members.minBalance")} type="number" min={0} value={minBalance} onChange={setMinBalance} autoComplete="off" />
          <TextField label={t("members.maxBalance")} type="number" min={0} value={maxBalance} onChange={setMaxBalance} autoComplete="off" />
        </BlockStack>
      ),
      shortcut: true,
    },
    {
      key: "activity",
      label: t("members.activity"),
      filter: (
        <ChoiceList
          title={t("members.activity")}
          titleHidden
          choices={ACTIVITY_WINDOWS.map((w) => ({ label: t(`members.activities.${w}`), value: w }))}
          selected={[query.activity]}
          onChange={(selected) => update({ activity: selected[0] === "any" ? undefined : selected[0] })}
        />
      ),
      shortcut: true,
    },
  ];
  const appliedFilters: IndexFiltersProps["appliedFilters"] = [];
  if (query.minBalance !== undefined || query.maxBalance !== undefined) {
    appliedFilters.push({
      key: "balance",
      label: `${t("members.balance")}: ${query.minBalance ?? 0}–${query.maxBalance ?? "∞"}`,
      onRemove: () => {
        setMinBalance("");
        setMaxBalance("");
        update({ minBalance: undefined, maxBalance: undefined });
      },
    });
  }
  if (query.activity !== "any") {
    appliedFilters.push({ key: "activity", label: t(`members.activities.${query.activity}`), onRemove: () => update({ activity: undefined }) });
  }

  const loading = navigation.state === "loading" && navigation.location.pathname === "/app/members";
  const noMembersAtAll = !rows.length && !filtered && !previousCursor;

  return (
    <Page
      title={t("members.title")}
      secondaryActions={[{ content: t("members.import"), url: "/app/import" }]}
      primaryAction={<CsvDownloadButton url="/app/members/export" fileName="loyalist-members.csv" label={t("common.export")} />}
    >
      {noMembersAtAll ? (
        <EmptyCard heading={t("members.emptyTitle")} action={{ content: t("members.emptyAction"), url: "/app/import" }}>
          {t("members.emptyBody")}
        </EmptyCard>
      ) : (
        <Card padding="0">
          <IndexFilters
            queryValue={search}
            queryPlaceholder={t("members.searchPlaceholder")}
            onQueryChange={setSearch}
            onQueryClear={() => {
              setSearch("");
              update({ q: undefined });
            }}
            sortOptions={sortOptions()}
            sortSelected={[toSortValue(query.sort)]}
            onSort={(selected) => update({ sort: selected[0] ? fromSortValue(selected[0]) : undefined })}
            filters={filters}
            appliedFilters={appliedFilters}
            onClearAll={() => {
              setSearch("");
              setMinBalance("");
              setMaxBalance("");
              update({ q: undefined, minBalance: undefined, maxBalance: undefined, activity: undefined });
            }}
            tabs={[{ id: "all", content: t("members.allTab"), isLocked: true }]}
            selected={0}
            onSelect={() => undefined}
            mode={mode}
            setMode={setMode}
            loading={loading}
            canCreateNewView={false}
            cancelAction={{ onAction: () => undefined, disabled: false, loading: false }}
          />
          <IndexTable
            resourceName={{ singular: t("members.resourceSingular"), plural: t("members.resourcePlural") }}
            itemCount={rows.length}
            selectable={false}
            loading={loading}
            emptyState={
              <BlockStack gap="200" inlineAlign="center">
                <Text as="h3" variant="headingMd">
                  {t("members.noResultsTitle")}
                </Text>
                <Text as="p" tone="subdued">
                  {t("members.noResultsBody")}
                </Text>
              </BlockStack>
            }
            headings={[
              { title: t("members.member") },
              { title: t("members.email") },
              { title: t("members.balance"), alignment: "end" },
              { title: t("members.pending"), alignment: "end" },
              { title: t("members.lifetime"), alignment: "end" },
              { title: t("members.lastActivity") },
            ]}
          >
            {rows.map((m, index) => (
              <IndexTable.Row id={m.id} key={m.id} position={index}>
                <IndexTable.Cell>
                  <Link url={`/app/members/${m.id}`} removeUnderline monochrome dataPrimaryLink>
                    <Text as="span" fontWeight="semibold">
                      {m.name || t("members.noName")}
                    </Text>
                  </Link>
                </IndexTable.Cell>
                <IndexTable.Cell>{m.email ?? "—"}</IndexTable.Cell>
                <IndexTable.Cell>
                  <Text as="span" alignment="end" numeric>
                    {formatNumber(m.balance)}
                  </Text>
                </IndexTable.Cell>
                <IndexTable.Cell>
                  <Text as="span" alignment="end" numeric tone={m.pending ? undefined : "subdued"}>
                    {formatNumber(m.pending)}
                  </Text>
                </IndexTable.Cell>
                <IndexTable.Cell>
                  <Text as="span" alignment="end" numeric>
                    {formatNumber(m.lifetimeEarned)}
                  </Text>
                </IndexTable.Cell>
                <IndexTable.Cell>{formatDate(m.lastActivityAt)}</IndexTable.Cell>
              </IndexTable.Row>
            ))}
          </IndexTable>
          <KeysetPagination nextCursor={nextCursor} previousCursor={previousCursor} />
        </Card>
      )}
    </Page>
  );
}

export function ErrorBoundary() {
  return <RouteErrorBoundary title={t("members.title")} backUrl="/app" />;
}
