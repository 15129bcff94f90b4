// The catalogue's Admin GraphQL documents (validated against the 2026-10 schema by graphql-codegen).

export const LOCATIONS_QUERY = `#graphql
  query LoyalistLocations($first: Int!, $after: String) {
    locations(first: $first, after: $after, includeInactive: true) {
      pageInfo { hasNextPage endCursor }
      nodes { id name isActive }
    }
  }
`;

/** Titles and images of the products, variants and collections a form names (the admin shows them, never ids). */
export const RESOURCE_SUMMARIES_QUERY = `#graphql
  query LoyalistResourceSummaries($ids: [ID!]!) {
    nodes(ids: $ids) {
      __typename
      ... on Product { id title featuredMedia { preview { image { url altText } } } }
      ... on ProductVariant { id displayName product { featuredMedia { preview { image { url altText } } } } }
      ... on Collection { id title image { url altText } }
    }
  }
`;
