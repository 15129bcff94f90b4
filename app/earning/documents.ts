// Admin GraphQL documents (API 2026-10). Each is validated against Shopify's schema in test/unit/graphql-documents.test.ts.

export const SHOP_DETAILS_QUERY = `#graphql
  query LoyalistShopDetails {
    shop {
      name
      email
      myshopifyDomain
      currencyCode
      ianaTimezone
    }
  }
`;

/** Orders changed since a time: ids and versions only, so a page stays cheap (reconciliation). */
export const RECENT_ORDERS_QUERY = `#graphql
  query LoyalistRecentOrders($first: Int!, $after: String, $query: String) {
    orders(first: $first, after: $after, query: $query, sortKey: UPDATED_AT) {
      pageInfo { hasNextPage endCursor }
      nodes { id updatedAt }
    }
  }
`;

/** One order with everything earning needs, in the shape a REST webhook gives it (costs under 1,000 points). */
export const ORDER_FOR_EARNING_QUERY = `#graphql
  query LoyalistOrderForEarning($id: ID!) {
    order(id: $id) {
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
      customer { id email firstName lastName }
      lineItems(first: 80) {
        pageInfo { hasNextPage }
        nodes {
          id
          quantity
          isGiftCard
          product { id }
          variant { id }
          originalUnitPriceSet { shopMoney { amount } }
          discountAllocations { allocatedAmountSet { shopMoney { amount } } }
        }
      }
      refunds(first: 5) {
        id
        createdAt
        processedAt
        refundLineItems(first: 30) {
          nodes {
            quantity
            lineItem { id }
            subtotalSet { shopMoney { amount } }
          }
        }
      }
    }
  }
`;

/** Products with their tags and collections, for earning exclusions (kept in ProductIndex). */
export const PRODUCTS_FOR_RULES_QUERY = `#graphql
  query LoyalistProductsForRules($first: Int!, $after: String) {
    products(first: $first, after: $after) {
      pageInfo { hasNextPage endCursor }
      nodes {
        id
        title
        productType
        tags
        collections(first: 20) { nodes { id } }
      }
    }
  }
`;
