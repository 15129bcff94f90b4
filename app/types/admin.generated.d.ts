/* eslint-disable eslint-comments/disable-enable-pair */
/* eslint-disable eslint-comments/no-unlimited-disable */
/* eslint-disable */
import type * as AdminTypes from './admin.types.js';

export type LoyalistLocationsQueryVariables = AdminTypes.Exact<{
  first: AdminTypes.Scalars['Int']['input'];
  after?: AdminTypes.InputMaybe<AdminTypes.Scalars['String']['input']>;
}>;


export type LoyalistLocationsQuery = { locations: { pageInfo: Pick<AdminTypes.PageInfo, 'hasNextPage' | 'endCursor'>, nodes: Array<Pick<AdminTypes.Location, 'id' | 'name' | 'isActive'>> } };

export type LoyalistResourceSummariesQueryVariables = AdminTypes.Exact<{
  ids: Array<AdminTypes.Scalars['ID']['input']> | AdminTypes.Scalars['ID']['input'];
}>;


export type LoyalistResourceSummariesQuery = { nodes: Array<AdminTypes.Maybe<{ __typename: 'AbandonedCheckout' | 'AbandonedCheckoutLineItem' | 'Abandonment' | 'AddAllProductsOperation' | 'AdditionalFee' | 'AnalyticsAnnotation' | 'AnalyticsTarget' | 'App' | 'AppCatalog' | 'AppCredit' | 'AppInstallation' | 'AppPurchaseOneTime' | 'AppRevenueAttributionRecord' | 'AppSubscription' | 'AppUsageRecord' | 'Article' | 'BasicEvent' | 'Blog' | 'BulkOperation' | 'BusinessEntity' } | { __typename: 'CalculatedOrder' | 'CartTransform' | 'CashDrawer' | 'CashManagementCustomReasonCode' | 'CashManagementDefaultReasonCode' | 'CashManagementSystemReasonCode' | 'CashTrackingAdjustment' | 'CashTrackingSession' | 'CatalogCsvOperation' | 'Channel' | 'ChannelDefinition' | 'ChannelInformation' | 'CheckoutAndAccountsConfiguration' | 'CheckoutAndAccountsConfigurationOverride' | 'CheckoutProfile' | 'CollectionConditionsSource' | 'CollectionSubCollectionsSource' | 'Comment' | 'CommentEvent' | 'Company' } | { __typename: 'CompanyAddress' | 'CompanyContact' | 'CompanyContactRole' | 'CompanyContactRoleAssignment' | 'CompanyLocation' | 'CompanyLocationCatalog' | 'CompanyLocationStaffMemberAssignment' | 'ConsentPolicy' | 'CurrencyExchangeAdjustment' | 'Customer' | 'CustomerAccountAppExtensionPage' | 'CustomerAccountNativePage' | 'CustomerPaymentMethod' | 'CustomerSegmentMembersQuery' | 'CustomerVisit' | 'DeliveryCarrierService' | 'DeliveryCondition' | 'DeliveryCountry' | 'DeliveryCustomization' | 'DeliveryLocationGroup' } | { __typename: 'DeliveryMethod' | 'DeliveryMethodDefinition' | 'DeliveryParticipant' | 'DeliveryProfile' | 'DeliveryProfileItem' | 'DeliveryPromiseParticipant' | 'DeliveryPromiseProvider' | 'DeliveryProvince' | 'DeliveryRateDefinition' | 'DeliveryZone' | 'DiscountAutomaticBxgy' | 'DiscountAutomaticNode' | 'DiscountCodeNode' | 'DiscountNode' | 'DiscountRedeemCodeBulkCreation' | 'Domain' | 'DraftOrder' | 'DraftOrderLineItem' | 'DraftOrderTag' | 'Duty' } | { __typename: 'ExchangeLineItem' | 'ExternalVideo' | 'Fulfillment' | 'FulfillmentConstraintRule' | 'FulfillmentEvent' | 'FulfillmentHold' | 'FulfillmentLineItem' | 'FulfillmentOrder' | 'FulfillmentOrderDestination' | 'FulfillmentOrderLineItem' | 'FulfillmentOrderMerchantRequest' | 'GenericFile' | 'GiftCard' | 'GiftCardCashOutTransaction' | 'GiftCardCreditTransaction' | 'GiftCardDebitTransaction' | 'IdentityProviderSubject' | 'InventoryAdjustmentGroup' | 'InventoryItem' | 'InventoryItemMeasurement' } | { __typename: 'InventoryLevel' | 'InventoryQuantity' | 'InventoryShipment' | 'InventoryShipmentLineItem' | 'InventoryTransfer' | 'InventoryTransferLineItem' | 'LineItem' | 'LineItemGroup' | 'Location' | 'MailingAddress' | 'Market' | 'MarketCatalog' | 'MarketRegionCountry' | 'MarketRegionSubdivision' | 'MarketWebPresence' | 'MarketingActivity' | 'MarketingEvent' | 'MediaImage' | 'Menu' | 'Metafield' } | { __typename: 'MetafieldDefinition' | 'Metaobject' | 'MetaobjectDefinition' | 'Model3d' | 'OnlineStoreTheme' | 'Order' | 'OrderAdjustment' | 'OrderAttributionDefinition' | 'OrderCancelJobResult' | 'OrderCreateMandatePaymentJobResult' | 'OrderDisputeSummary' | 'OrderEditSession' | 'OrderTransaction' | 'Page' | 'PaymentCustomization' | 'PaymentMandate' | 'PaymentSchedule' | 'PaymentTerms' | 'PaymentTermsTemplate' | 'PointOfSaleDevice' } | { __typename: 'PointOfSaleDevicePaymentSession' | 'PriceList' | 'ProductBundleOperation' | 'ProductDeleteOperation' | 'ProductDuplicateOperation' | 'ProductFeed' | 'ProductOption' | 'ProductOptionValue' | 'ProductSetOperation' | 'ProductTaxonomyNode' | 'ProductVariantComponent' | 'Publication' | 'PublicationResourceOperation' | 'QuantityPriceBreak' | 'Refund' | 'RefundShippingLine' | 'Return' | 'ReturnLineItem' | 'ReturnReasonDefinition' | 'ReturnableFulfillment' } | { __typename: 'ReverseDelivery' | 'ReverseDeliveryLineItem' | 'ReverseFulfillmentOrder' | 'ReverseFulfillmentOrderDisposition' | 'ReverseFulfillmentOrderLineItem' | 'SaleAdditionalFee' | 'SavedSearch' | 'ScriptTag' | 'Segment' | 'SellingPlan' | 'SellingPlanGroup' | 'ServerPixel' | 'ShippingLabel' | 'ShippingLabelPurchaseResult' | 'Shop' | 'ShopAddress' | 'ShopPolicy' | 'ShopifyPaymentsAccount' | 'ShopifyPaymentsBalanceTransaction' | 'ShopifyPaymentsBankAccount' } | { __typename: 'ShopifyPaymentsDispute' | 'ShopifyPaymentsDisputeEvidence' | 'ShopifyPaymentsDisputeFileUpload' | 'ShopifyPaymentsDisputeFulfillment' | 'ShopifyPaymentsPayout' | 'StaffMember' | 'StandardMetafieldDefinitionTemplate' | 'StoreCreditAccount' | 'StoreCreditAccountCreditTransaction' | 'StoreCreditAccountDebitRevertTransaction' | 'StoreCreditAccountDebitTransaction' | 'StorefrontAccessToken' | 'SubscriptionBillingAttempt' | 'SubscriptionContract' | 'SubscriptionDraft' | 'TaxonomyAttribute' | 'TaxonomyCategory' | 'TaxonomyChoiceListAttribute' | 'TaxonomyMeasurementAttribute' | 'TaxonomyValue' } | { __typename: 'TenderTransaction' | 'TransactionFee' | 'UnverifiedReturnLineItem' | 'UrlRedirect' | 'UrlRedirectImport' | 'Validation' | 'Video' | 'WebPixel' | 'WebhookSubscription' } | (
    { __typename: 'Collection' }
    & Pick<AdminTypes.Collection, 'id' | 'title'>
    & { image?: AdminTypes.Maybe<Pick<AdminTypes.Image, 'url' | 'altText'>> }
  ) | (
    { __typename: 'Product' }
    & Pick<AdminTypes.Product, 'id' | 'title'>
    & { featuredMedia?: AdminTypes.Maybe<{ preview?: AdminTypes.Maybe<{ image?: AdminTypes.Maybe<Pick<AdminTypes.Image, 'url' | 'altText'>> }> }> }
  ) | (
    { __typename: 'ProductVariant' }
    & Pick<AdminTypes.ProductVariant, 'id' | 'displayName'>
    & { product: { featuredMedia?: AdminTypes.Maybe<{ preview?: AdminTypes.Maybe<{ image?: AdminTypes.Maybe<Pick<AdminTypes.Image, 'url' | 'altText'>> }> }> } }
  )>> };

export type LoyalistShopDetailsQueryVariables = AdminTypes.Exact<{ [key: string]: never; }>;


export type LoyalistShopDetailsQuery = { shop: Pick<AdminTypes.Shop, 'name' | 'email' | 'myshopifyDomain' | 'currencyCode' | 'ianaTimezone'> };

export type LoyalistRecentOrdersQueryVariables = AdminTypes.Exact<{
  first: AdminTypes.Scalars['Int']['input'];
  after?: AdminTypes.InputMaybe<AdminTypes.Scalars['String']['input']>;
  query?: AdminTypes.InputMaybe<AdminTypes.Scalars['String']['input']>;
}>;


export type LoyalistRecentOrdersQuery = { orders: { pageInfo: Pick<AdminTypes.PageInfo, 'hasNextPage' | 'endCursor'>, nodes: Array<Pick<AdminTypes.Order, 'id' | 'updatedAt'>> } };

export type LoyalistOrderForEarningQueryVariables = AdminTypes.Exact<{
  id: AdminTypes.Scalars['ID']['input'];
}>;


export type LoyalistOrderForEarningQuery = { order?: AdminTypes.Maybe<(
    Pick<AdminTypes.Order, 'id' | 'name' | 'email' | 'createdAt' | 'processedAt' | 'updatedAt' | 'cancelledAt' | 'test' | 'sourceName' | 'currencyCode' | 'displayFinancialStatus' | 'displayFulfillmentStatus' | 'discountCodes'>
    & { currentSubtotalPriceSet: { shopMoney: Pick<AdminTypes.MoneyV2, 'amount'> }, physicalLocation?: AdminTypes.Maybe<Pick<AdminTypes.Location, 'id'>>, customer?: AdminTypes.Maybe<Pick<AdminTypes.Customer, 'id' | 'email' | 'firstName' | 'lastName'>>, lineItems: { pageInfo: Pick<AdminTypes.PageInfo, 'hasNextPage'>, nodes: Array<(
        Pick<AdminTypes.LineItem, 'id' | 'quantity' | 'isGiftCard'>
        & { product?: AdminTypes.Maybe<Pick<AdminTypes.Product, 'id'>>, variant?: AdminTypes.Maybe<Pick<AdminTypes.ProductVariant, 'id'>>, originalUnitPriceSet: { shopMoney: Pick<AdminTypes.MoneyV2, 'amount'> }, discountAllocations: Array<{ allocatedAmountSet: { shopMoney: Pick<AdminTypes.MoneyV2, 'amount'> } }> }
      )> }, refunds: Array<(
      Pick<AdminTypes.Refund, 'id' | 'createdAt' | 'processedAt'>
      & { refundLineItems: { nodes: Array<(
          Pick<AdminTypes.RefundLineItem, 'quantity'>
          & { lineItem: Pick<AdminTypes.LineItem, 'id'>, subtotalSet: { shopMoney: Pick<AdminTypes.MoneyV2, 'amount'> } }
        )> } }
    )> }
  )> };

export type LoyalistProductsForRulesQueryVariables = AdminTypes.Exact<{
  first: AdminTypes.Scalars['Int']['input'];
  after?: AdminTypes.InputMaybe<AdminTypes.Scalars['String']['input']>;
}>;


export type LoyalistProductsForRulesQuery = { products: { pageInfo: Pick<AdminTypes.PageInfo, 'hasNextPage' | 'endCursor'>, nodes: Array<(
      Pick<AdminTypes.Product, 'id' | 'title' | 'productType' | 'tags'>
      & { collections: { nodes: Array<Pick<AdminTypes.Collection, 'id'>> } }
    )> } };

export type LoyalistBackfillOrdersQueryVariables = AdminTypes.Exact<{ [key: string]: never; }>;


export type LoyalistBackfillOrdersQuery = { orders: { edges: Array<{ node: (
        Pick<AdminTypes.Order, 'id' | 'name' | 'email' | 'createdAt' | 'processedAt' | 'updatedAt' | 'cancelledAt' | 'test' | 'sourceName' | 'currencyCode' | 'displayFinancialStatus' | 'displayFulfillmentStatus' | 'discountCodes'>
        & { currentSubtotalPriceSet: { shopMoney: Pick<AdminTypes.MoneyV2, 'amount'> }, physicalLocation?: AdminTypes.Maybe<Pick<AdminTypes.Location, 'id'>>, customer?: AdminTypes.Maybe<Pick<AdminTypes.Customer, 'id' | 'email' | 'firstName' | 'lastName' | 'createdAt'>>, refunds: Array<Pick<AdminTypes.Refund, 'id'>>, lineItems: { edges: Array<{ node: (
              Pick<AdminTypes.LineItem, 'id' | 'title' | 'quantity' | 'isGiftCard'>
              & { product?: AdminTypes.Maybe<Pick<AdminTypes.Product, 'id' | 'productType'>>, variant?: AdminTypes.Maybe<Pick<AdminTypes.ProductVariant, 'id'>>, originalUnitPriceSet: { shopMoney: Pick<AdminTypes.MoneyV2, 'amount'> }, discountAllocations: Array<{ allocatedAmountSet: { shopMoney: Pick<AdminTypes.MoneyV2, 'amount'> } }> }
            ) }> } }
      ) }> } };

export type LoyalistBulkRunQueryMutationVariables = AdminTypes.Exact<{
  query: AdminTypes.Scalars['String']['input'];
}>;


export type LoyalistBulkRunQueryMutation = { bulkOperationRunQuery?: AdminTypes.Maybe<{ bulkOperation?: AdminTypes.Maybe<Pick<AdminTypes.BulkOperation, 'id' | 'status'>>, userErrors: Array<Pick<AdminTypes.BulkOperationUserError, 'field' | 'message' | 'code'>> }> };

export type LoyalistBulkOperationQueryVariables = AdminTypes.Exact<{
  id: AdminTypes.Scalars['ID']['input'];
}>;


export type LoyalistBulkOperationQuery = { node?: AdminTypes.Maybe<Pick<AdminTypes.BulkOperation, 'id' | 'status' | 'errorCode' | 'objectCount' | 'rootObjectCount' | 'url' | 'createdAt' | 'completedAt'>> };

export type LoyalistCustomersByEmailQueryVariables = AdminTypes.Exact<{
  query: AdminTypes.Scalars['String']['input'];
  first: AdminTypes.Scalars['Int']['input'];
}>;


export type LoyalistCustomersByEmailQuery = { customers: { nodes: Array<(
      Pick<AdminTypes.Customer, 'id' | 'firstName' | 'lastName'>
      & { defaultEmailAddress?: AdminTypes.Maybe<Pick<AdminTypes.CustomerEmailAddress, 'emailAddress'>> }
    )> } };

export type LoyalistFlowTriggerMutationVariables = AdminTypes.Exact<{
  handle: AdminTypes.Scalars['String']['input'];
  payload: AdminTypes.Scalars['JSON']['input'];
}>;


export type LoyalistFlowTriggerMutation = { flowTriggerReceive?: AdminTypes.Maybe<{ userErrors: Array<Pick<AdminTypes.UserError, 'field' | 'message'>> }> };

export type LoyalistCustomerMetafieldsMutationVariables = AdminTypes.Exact<{
  metafields: Array<AdminTypes.MetafieldsSetInput> | AdminTypes.MetafieldsSetInput;
}>;


export type LoyalistCustomerMetafieldsMutation = { metafieldsSet?: AdminTypes.Maybe<{ metafields?: AdminTypes.Maybe<Array<Pick<AdminTypes.Metafield, 'id'>>>, userErrors: Array<Pick<AdminTypes.MetafieldsSetUserError, 'field' | 'message' | 'code'>> }> };

export type LoyalistTagsAddMutationVariables = AdminTypes.Exact<{
  id: AdminTypes.Scalars['ID']['input'];
  tags: Array<AdminTypes.Scalars['String']['input']> | AdminTypes.Scalars['String']['input'];
}>;


export type LoyalistTagsAddMutation = { tagsAdd?: AdminTypes.Maybe<{ userErrors: Array<Pick<AdminTypes.UserError, 'field' | 'message'>> }> };

export type LoyalistTagsRemoveMutationVariables = AdminTypes.Exact<{
  id: AdminTypes.Scalars['ID']['input'];
  tags: Array<AdminTypes.Scalars['String']['input']> | AdminTypes.Scalars['String']['input'];
}>;


export type LoyalistTagsRemoveMutation = { tagsRemove?: AdminTypes.Maybe<{ userErrors: Array<Pick<AdminTypes.UserError, 'field' | 'message'>> }> };

export type LoyalistMetafieldDefinitionMutationVariables = AdminTypes.Exact<{
  definition: AdminTypes.MetafieldDefinitionInput;
}>;


export type LoyalistMetafieldDefinitionMutation = { metafieldDefinitionCreate?: AdminTypes.Maybe<{ createdDefinition?: AdminTypes.Maybe<Pick<AdminTypes.MetafieldDefinition, 'id'>>, userErrors: Array<Pick<AdminTypes.MetafieldDefinitionCreateUserError, 'field' | 'message' | 'code'>> }> };

export type LoyalistAppInstallationQueryVariables = AdminTypes.Exact<{ [key: string]: never; }>;


export type LoyalistAppInstallationQuery = { currentAppInstallation: Pick<AdminTypes.AppInstallation, 'id'> };

export type LoyalistProgramMetafieldMutationVariables = AdminTypes.Exact<{
  metafields: Array<AdminTypes.MetafieldsSetInput> | AdminTypes.MetafieldsSetInput;
}>;


export type LoyalistProgramMetafieldMutation = { metafieldsSet?: AdminTypes.Maybe<{ metafields?: AdminTypes.Maybe<Array<Pick<AdminTypes.Metafield, 'id'>>>, userErrors: Array<Pick<AdminTypes.MetafieldsSetUserError, 'field' | 'message' | 'code'>> }> };

export type LoyalistRewardBasicCodeMutationVariables = AdminTypes.Exact<{
  input: AdminTypes.DiscountCodeBasicInput;
}>;


export type LoyalistRewardBasicCodeMutation = { discountCodeBasicCreate?: AdminTypes.Maybe<{ codeDiscountNode?: AdminTypes.Maybe<Pick<AdminTypes.DiscountCodeNode, 'id'>>, userErrors: Array<Pick<AdminTypes.DiscountUserError, 'field' | 'message' | 'code'>> }> };

export type LoyalistRewardFreeShippingCodeMutationVariables = AdminTypes.Exact<{
  input: AdminTypes.DiscountCodeFreeShippingInput;
}>;


export type LoyalistRewardFreeShippingCodeMutation = { discountCodeFreeShippingCreate?: AdminTypes.Maybe<{ codeDiscountNode?: AdminTypes.Maybe<Pick<AdminTypes.DiscountCodeNode, 'id'>>, userErrors: Array<Pick<AdminTypes.DiscountUserError, 'field' | 'message' | 'code'>> }> };

export type LoyalistRewardCodeLookupQueryVariables = AdminTypes.Exact<{
  code: AdminTypes.Scalars['String']['input'];
}>;


export type LoyalistRewardCodeLookupQuery = { codeDiscountNodeByCode?: AdminTypes.Maybe<(
    Pick<AdminTypes.DiscountCodeNode, 'id'>
    & { codeDiscount: { __typename: 'DiscountCodeApp' } | (
      { __typename: 'DiscountCodeBasic' }
      & Pick<AdminTypes.DiscountCodeBasic, 'title' | 'asyncUsageCount'>
    ) | (
      { __typename: 'DiscountCodeBxgy' }
      & Pick<AdminTypes.DiscountCodeBxgy, 'title' | 'asyncUsageCount'>
    ) | (
      { __typename: 'DiscountCodeFreeShipping' }
      & Pick<AdminTypes.DiscountCodeFreeShipping, 'title' | 'asyncUsageCount'>
    ) }
  )> };

export type LoyalistRewardCodeDeleteMutationVariables = AdminTypes.Exact<{
  id: AdminTypes.Scalars['ID']['input'];
}>;


export type LoyalistRewardCodeDeleteMutation = { discountCodeDelete?: AdminTypes.Maybe<(
    Pick<AdminTypes.DiscountCodeDeletePayload, 'deletedCodeDiscountId'>
    & { userErrors: Array<Pick<AdminTypes.DiscountUserError, 'field' | 'message' | 'code'>> }
  )> };

export type LoyalistRewardStoreCreditMutationVariables = AdminTypes.Exact<{
  id: AdminTypes.Scalars['ID']['input'];
  creditInput: AdminTypes.StoreCreditAccountCreditInput;
}>;


export type LoyalistRewardStoreCreditMutation = { storeCreditAccountCredit?: AdminTypes.Maybe<{ storeCreditAccountTransaction?: AdminTypes.Maybe<(
      Pick<AdminTypes.StoreCreditAccountCreditTransaction, 'id'>
      & { amount: Pick<AdminTypes.MoneyV2, 'amount' | 'currencyCode'> }
    )>, userErrors: Array<Pick<AdminTypes.StoreCreditAccountCreditUserError, 'field' | 'message' | 'code'>> }> };

export type LoyalistRewardStoreCreditLookupQueryVariables = AdminTypes.Exact<{
  id: AdminTypes.Scalars['ID']['input'];
}>;


export type LoyalistRewardStoreCreditLookupQuery = { customer?: AdminTypes.Maybe<{ storeCreditAccounts: { nodes: Array<(
        Pick<AdminTypes.StoreCreditAccount, 'id'>
        & { transactions: { nodes: Array<(
            Pick<AdminTypes.StoreCreditAccountCreditTransaction, 'id' | 'expiresAt'>
            & { amount: Pick<AdminTypes.MoneyV2, 'amount' | 'currencyCode'> }
          )> } }
      )> } }> };

export type LoyalistPosCustomerCreateMutationVariables = AdminTypes.Exact<{
  input: AdminTypes.CustomerInput;
}>;


export type LoyalistPosCustomerCreateMutation = { customerCreate?: AdminTypes.Maybe<{ customer?: AdminTypes.Maybe<(
      Pick<AdminTypes.Customer, 'id' | 'firstName' | 'lastName'>
      & { defaultEmailAddress?: AdminTypes.Maybe<Pick<AdminTypes.CustomerEmailAddress, 'emailAddress'>>, defaultPhoneNumber?: AdminTypes.Maybe<Pick<AdminTypes.CustomerPhoneNumber, 'phoneNumber'>> }
    )>, userErrors: Array<Pick<AdminTypes.UserError, 'field' | 'message'>> }> };

interface GeneratedQueryTypes {
  "#graphql\n  query LoyalistLocations($first: Int!, $after: String) {\n    locations(first: $first, after: $after, includeInactive: true) {\n      pageInfo { hasNextPage endCursor }\n      nodes { id name isActive }\n    }\n  }\n": {return: LoyalistLocationsQuery, variables: LoyalistLocationsQueryVariables},
  "#graphql\n  query LoyalistResourceSummaries($ids: [ID!]!) {\n    nodes(ids: $ids) {\n      __typename\n      ... on Product { id title featuredMedia { preview { image { url altText } } } }\n      ... on ProductVariant { id displayName product { featuredMedia { preview { image { url altText } } } } }\n      ... on Collection { id title image { url altText } }\n    }\n  }\n": {return: LoyalistResourceSummariesQuery, variables: LoyalistResourceSummariesQueryVariables},
  "#graphql\n  query LoyalistShopDetails {\n    shop {\n      name\n      email\n      myshopifyDomain\n      currencyCode\n      ianaTimezone\n    }\n  }\n": {return: LoyalistShopDetailsQuery, variables: LoyalistShopDetailsQueryVariables},
  "#graphql\n  query LoyalistRecentOrders($first: Int!, $after: String, $query: String) {\n    orders(first: $first, after: $after, query: $query, sortKey: UPDATED_AT) {\n      pageInfo { hasNextPage endCursor }\n      nodes { id updatedAt }\n    }\n  }\n": {return: LoyalistRecentOrdersQuery, variables: LoyalistRecentOrdersQueryVariables},
  "#graphql\n  query LoyalistOrderForEarning($id: ID!) {\n    order(id: $id) {\n      id\n      name\n      email\n      createdAt\n      processedAt\n      updatedAt\n      cancelledAt\n      test\n      sourceName\n      currencyCode\n      displayFinancialStatus\n      displayFulfillmentStatus\n      discountCodes\n      currentSubtotalPriceSet { shopMoney { amount } }\n      physicalLocation { id }\n      customer { id email firstName lastName }\n      lineItems(first: 80) {\n        pageInfo { hasNextPage }\n        nodes {\n          id\n          quantity\n          isGiftCard\n          product { id }\n          variant { id }\n          originalUnitPriceSet { shopMoney { amount } }\n          discountAllocations { allocatedAmountSet { shopMoney { amount } } }\n        }\n      }\n      refunds(first: 5) {\n        id\n        createdAt\n        processedAt\n        refundLineItems(first: 30) {\n          nodes {\n            quantity\n            lineItem { id }\n            subtotalSet { shopMoney { amount } }\n          }\n        }\n      }\n    }\n  }\n": {return: LoyalistOrderForEarningQuery, variables: LoyalistOrderForEarningQueryVariables},
  "#graphql\n  query LoyalistProductsForRules($first: Int!, $after: String) {\n    products(first: $first, after: $after) {\n      pageInfo { hasNextPage endCursor }\n      nodes {\n        id\n        title\n        productType\n        tags\n        collections(first: 20) { nodes { id } }\n      }\n    }\n  }\n": {return: LoyalistProductsForRulesQuery, variables: LoyalistProductsForRulesQueryVariables},
  "#graphql\n  query LoyalistBackfillOrders {\n    orders(query: \"processed_at:>=SINCE\", sortKey: PROCESSED_AT) {\n      edges {\n        node {\n          id\n          name\n          email\n          createdAt\n          processedAt\n          updatedAt\n          cancelledAt\n          test\n          sourceName\n          currencyCode\n          displayFinancialStatus\n          displayFulfillmentStatus\n          discountCodes\n          currentSubtotalPriceSet { shopMoney { amount } }\n          physicalLocation { id }\n          customer { id email firstName lastName createdAt }\n          refunds { id }\n          lineItems {\n            edges {\n              node {\n                id\n                title\n                quantity\n                isGiftCard\n                product { id productType }\n                variant { id }\n                originalUnitPriceSet { shopMoney { amount } }\n                discountAllocations { allocatedAmountSet { shopMoney { amount } } }\n              }\n            }\n          }\n        }\n      }\n    }\n  }\n": {return: LoyalistBackfillOrdersQuery, variables: LoyalistBackfillOrdersQueryVariables},
  "#graphql\n  query LoyalistBulkOperation($id: ID!) {\n    node(id: $id) {\n      ... on BulkOperation { id status errorCode objectCount rootObjectCount url createdAt completedAt }\n    }\n  }\n": {return: LoyalistBulkOperationQuery, variables: LoyalistBulkOperationQueryVariables},
  "#graphql\n  query LoyalistCustomersByEmail($query: String!, $first: Int!) {\n    customers(first: $first, query: $query) {\n      nodes {\n        id\n        firstName\n        lastName\n        defaultEmailAddress { emailAddress }\n      }\n    }\n  }\n": {return: LoyalistCustomersByEmailQuery, variables: LoyalistCustomersByEmailQueryVariables},
  "#graphql\n  query LoyalistAppInstallation {\n    currentAppInstallation { id }\n  }\n": {return: LoyalistAppInstallationQuery, variables: LoyalistAppInstallationQueryVariables},
  "#graphql\n  query LoyalistRewardCodeLookup($code: String!) {\n    codeDiscountNodeByCode(code: $code) {\n      id\n      codeDiscount {\n        __typename\n        ... on DiscountCodeBasic { title asyncUsageCount }\n        ... on DiscountCodeFreeShipping { title asyncUsageCount }\n        ... on DiscountCodeBxgy { title asyncUsageCount }\n      }\n    }\n  }\n": {return: LoyalistRewardCodeLookupQuery, variables: LoyalistRewardCodeLookupQueryVariables},
  "#graphql\n  query LoyalistRewardStoreCreditLookup($id: ID!) {\n    customer(id: $id) {\n      storeCreditAccounts(first: 5) {\n        nodes {\n          id\n          transactions(first: 50) {\n            nodes {\n              ... on StoreCreditAccountCreditTransaction { id expiresAt amount { amount currencyCode } }\n            }\n          }\n        }\n      }\n    }\n  }\n": {return: LoyalistRewardStoreCreditLookupQuery, variables: LoyalistRewardStoreCreditLookupQueryVariables},
}

interface GeneratedMutationTypes {
  "#graphql\n  mutation LoyalistBulkRunQuery($query: String!) {\n    bulkOperationRunQuery(query: $query, groupObjects: true) {\n      bulkOperation { id status }\n      userErrors { field message code }\n    }\n  }\n": {return: LoyalistBulkRunQueryMutation, variables: LoyalistBulkRunQueryMutationVariables},
  "#graphql\n  mutation LoyalistFlowTrigger($handle: String!, $payload: JSON!) {\n    flowTriggerReceive(handle: $handle, payload: $payload) {\n      userErrors { field message }\n    }\n  }\n": {return: LoyalistFlowTriggerMutation, variables: LoyalistFlowTriggerMutationVariables},
  "#graphql\n  mutation LoyalistCustomerMetafields($metafields: [MetafieldsSetInput!]!) {\n    metafieldsSet(metafields: $metafields) {\n      metafields { id }\n      userErrors { field message code }\n    }\n  }\n": {return: LoyalistCustomerMetafieldsMutation, variables: LoyalistCustomerMetafieldsMutationVariables},
  "#graphql\n  mutation LoyalistTagsAdd($id: ID!, $tags: [String!]!) {\n    tagsAdd(id: $id, tags: $tags) {\n      userErrors { field message }\n    }\n  }\n": {return: LoyalistTagsAddMutation, variables: LoyalistTagsAddMutationVariables},
  "#graphql\n  mutation LoyalistTagsRemove($id: ID!, $tags: [String!]!) {\n    tagsRemove(id: $id, tags: $tags) {\n      userErrors { field message }\n    }\n  }\n": {return: LoyalistTagsRemoveMutation, variables: LoyalistTagsRemoveMutationVariables},
  "#graphql\n  mutation LoyalistMetafieldDefinition($definition: MetafieldDefinitionInput!) {\n    metafieldDefinitionCreate(definition: $definition) {\n      createdDefinition { id }\n      userErrors { field message code }\n    }\n  }\n": {return: LoyalistMetafieldDefinitionMutation, variables: LoyalistMetafieldDefinitionMutationVariables},
  "#graphql\n  mutation LoyalistProgramMetafield($metafields: [MetafieldsSetInput!]!) {\n    metafieldsSet(metafields: $metafields) {\n      metafields { id }\n      userErrors { field message code }\n    }\n  }\n": {return: LoyalistProgramMetafieldMutation, variables: LoyalistProgramMetafieldMutationVariables},
  "#graphql\n  mutation LoyalistRewardBasicCode($input: DiscountCodeBasicInput!) {\n    discountCodeBasicCreate(basicCodeDiscount: $input) {\n      codeDiscountNode { id }\n      userErrors { field message code }\n    }\n  }\n": {return: LoyalistRewardBasicCodeMutation, variables: LoyalistRewardBasicCodeMutationVariables},
  "#graphql\n  mutation LoyalistRewardFreeShippingCode($input: DiscountCodeFreeShippingInput!) {\n    discountCodeFreeShippingCreate(freeShippingCodeDiscount: $input) {\n      codeDiscountNode { id }\n      userErrors { field message code }\n    }\n  }\n": {return: LoyalistRewardFreeShippingCodeMutation, variables: LoyalistRewardFreeShippingCodeMutationVariables},
  "#graphql\n  mutation LoyalistRewardCodeDelete($id: ID!) {\n    discountCodeDelete(id: $id) {\n      deletedCodeDiscountId\n      userErrors { field message code }\n    }\n  }\n": {return: LoyalistRewardCodeDeleteMutation, variables: LoyalistRewardCodeDeleteMutationVariables},
  "#graphql\n  mutation LoyalistRewardStoreCredit($id: ID!, $creditInput: StoreCreditAccountCreditInput!) {\n    storeCreditAccountCredit(id: $id, creditInput: $creditInput) {\n      storeCreditAccountTransaction { id amount { amount currencyCode } }\n      userErrors { field message code }\n    }\n  }\n": {return: LoyalistRewardStoreCreditMutation, variables: LoyalistRewardStoreCreditMutationVariables},
  "#graphql\n  mutation LoyalistPosCustomerCreate($input: CustomerInput!) {\n    customerCreate(input: $input) {\n      customer {\n        id\n        firstName\n        lastName\n        defaultEmailAddress { emailAddress }\n        defaultPhoneNumber { phoneNumber }\n      }\n      userErrors { field message }\n    }\n  }\n": {return: LoyalistPosCustomerCreateMutation, variables: LoyalistPosCustomerCreateMutationVariables},
}
declare module '@shopify/admin-api-client' {
  type InputMaybe<T> = AdminTypes.InputMaybe<T>;
  interface AdminQueries extends GeneratedQueryTypes {}
  interface AdminMutations extends GeneratedMutationTypes {}
}
