// Admin GraphQL documents for rewards (API 2026-10): discount codes and store credit. Each is validated against
// Shopify's schema in test/unit/graphql-documents.test.ts.

export const DISCOUNT_CODE_BASIC_CREATE = `#graphql
  mutation LoyalistRewardBasicCode($input: DiscountCodeBasicInput!) {
    discountCodeBasicCreate(basicCodeDiscount: $input) {
      codeDiscountNode { id }
      userErrors { field message code }
    }
  }
`;

export const DISCOUNT_CODE_FREE_SHIPPING_CREATE = `#graphql
  mutation LoyalistRewardFreeShippingCode($input: DiscountCodeFreeShippingInput!) {
    discountCodeFreeShippingCreate(freeShippingCodeDiscount: $input) {
      codeDiscountNode { id }
      userErrors { field message code }
    }
  }
`;

/** A code and whether it was used (before a cancellation) and who made it (after a lost answer). */
export const DISCOUNT_CODE_LOOKUP = `#graphql
  query LoyalistRewardCodeLookup($code: String!) {
    codeDiscountNodeByCode(code: $code) {
      id
      codeDiscount {
        __typename
        ... on DiscountCodeBasic { title asyncUsageCount }
        ... on DiscountCodeFreeShipping { title asyncUsageCount }
        ... on DiscountCodeBxgy { title asyncUsageCount }
      }
    }
  }
`;

export const DISCOUNT_CODE_DELETE = `#graphql
  mutation LoyalistRewardCodeDelete($id: ID!) {
    discountCodeDelete(id: $id) {
      deletedCodeDiscountId
      userErrors { field message code }
    }
  }
`;

export const STORE_CREDIT_CREDIT = `#graphql
  mutation LoyalistRewardStoreCredit($id: ID!, $creditInput: StoreCreditAccountCreditInput!) {
    storeCreditAccountCredit(id: $id, creditInput: $creditInput) {
      storeCreditAccountTransaction { id amount { amount currencyCode } }
      userErrors { field message code }
    }
  }
`;

/** A customer's recent store credit transactions (to find a credit whose answer was lost). */
export const STORE_CREDIT_LOOKUP = `#graphql
  query LoyalistRewardStoreCreditLookup($id: ID!) {
    customer(id: $id) {
      storeCreditAccounts(first: 5) {
        nodes {
          id
          transactions(first: 50) {
            nodes {
              ... on StoreCreditAccountCreditTransaction { id expiresAt amount { amount currencyCode } }
            }
          }
        }
      }
    }
  }
`;
