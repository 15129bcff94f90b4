// Insight's Admin GraphQL documents (API 2026-10, validated by graphql-codegen and executed by the emulator).

/**
 * The install backfill's bulk query: a year of orders with what Insight and earning read of them, money in the
 * shop's currency. Line items are a nested connection (their own JSONL lines with `__parentId`). Refund lines
 * are not here: Shopify's bulk runner refuses a connection inside a list (`Order.refunds` is a list), so only
 * the refunds' ids come with the order and orders that have refunds are read again one by one
 * (ORDER_FOR_EARNING_QUERY). `$since` is not a variable (bulk queries take none): see backfillOrdersQuery().
 */
export const BACKFILL_ORDERS_BULK_QUERY = `#graphql
  query LoyalistBackfillOrders {
    orders(query: "processed_at:>=SINCE", sortKey: PROCESSED_AT) {
      edges {
        node {
          id
          name
          email
          createdAt
          processedAt
          updatedAt
          cancelledAt
          test
          sourceName
          currencyCode
          displayFinancialStatus
          displayFulfillmentStatus
          discountCodes
          currentSubtotalPriceSet { shopMoney { amount } }
          physicalLocation { id }
          customer { id email firstName lastName createdAt }
          refunds { id }
          lineItems {
            edges {
              node {
                id
                title
                quantity
                isGiftCard
                product { id productType }
                variant { id }
                originalUnitPriceSet { shopMoney { amount } }
                discountAllocations { allocatedAmountSet { shopMoney { amount } } }
              }
            }
          }
        }
      }
    }
  }
`;

/** Starts a bulk query; grouped output (children right after their parent) lets the JSONL be read as a stream. */
export const BULK_RUN_QUERY_MUTATION = `#graphql
  mutation LoyalistBulkRunQuery($query: String!) {
    bulkOperationRunQuery(query: $query, groupObjects: true) {
      bulkOperation { id status }
      userErrors { field message code }
    }
  }
`;

/** A bulk operation's state, polled until it completes. */
export const BULK_OPERATION_QUERY = `#graphql
  query LoyalistBulkOperation($id: ID!) {
    node(id: $id) {
      ... on BulkOperation { id status errorCode objectCount rootObjectCount url createdAt completedAt }
    }
  }
`;
