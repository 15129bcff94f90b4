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

export const RECENT_ORDERS_QUERY = `#graphql
  query LoyalistRecentOrders($first: Int!, $after: String, $query: String) {
    orders(first: $first, after: $after, query: $query, sortKey: UPDATED_AT) {
      pageInfo { hasNextPage endCursor }
      nodes {
        id
        legacyResourceId
        updatedAt
      }
    }
  }
`;
