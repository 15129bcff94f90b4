// Previous / next for keyset-paginated lists: keeps the current filters, swaps the cursor. An empty
// previous cursor means "back to the first page".
import { useLocation, useNavigate } from "@remix-run/react";
import { Box, InlineStack, Pagination } from "@shopify/polaris";
import { t } from "~/platform/i18n";

export function KeysetPagination({ nextCursor, previousCursor }: { nextCursor: string | null; previousCursor?: string | null }) {
  const location = useLocation();
  const navigate = useNavigate();
  const go = (key: "after" | "before", cursor: string) => {
    const params = new URLSearchParams(location.search);
    params.delete("after");
    params.delete("before");
    if (cursor) params.set(key, cursor);
    navigate(`${location.pathname}?${params}`, { preventScrollReset: false });
  };
  const hasPrevious = previousCursor !== null && previousCursor !== undefined;
  if (!nextCursor && !hasPrevious) return null;
  return (
    <Box padding="300">
      <InlineStack align="center">
        <Pagination
          hasPrevious={hasPrevious}
          previousTooltip={t("common.previous")}
          onPrevious={() => hasPrevious && go("before", previousCursor)}
          hasNext={!!nextCursor}
          nextTooltip={t("common.next")}
          onNext={() => nextCursor && go("after", nextCursor)}
        />
      </InlineStack>
    </Box>
  );
}
