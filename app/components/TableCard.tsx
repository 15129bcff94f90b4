// A list in a card: its rows as a Polaris DataTable, or, with no rows, an empty state saying what will appear
// there and what makes it appear. The admin's lists (redemptions, fulfilment, rewards, referrals...) share it.
import { Card, DataTable, type DataTableProps } from "@shopify/polaris";
import type { ReactNode } from "react";
import { Empty, type EmptyProps } from "~/components/EmptyCard";

export type TableCardProps = Pick<DataTableProps, "headings" | "columnContentTypes" | "rows" | "verticalAlign"> & {
  /** Above the table or the empty state, inside the card (a title, filters). */
  header?: ReactNode;
  /** What an empty list shows: what will appear there, and the step that makes it appear. */
  empty: { heading: string; body: string; action?: EmptyProps["action"] };
  /** Below the table (pagination). */
  footer?: ReactNode;
};

export function TableCard({ header, empty, footer, rows, ...table }: TableCardProps) {
  return (
    <Card padding="0">
      {header}
      {rows.length ? (
        <DataTable rows={rows} {...table} />
      ) : (
        <Empty heading={empty.heading} action={empty.action}>
          {empty.body}
        </Empty>
      )}
      {footer}
    </Card>
  );
}
