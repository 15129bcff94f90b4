/** Customer view, from the REST customer the store keeps. */
import { fromMinor, toMinor, type RestCustomer } from "../../../shopify-payloads";
import { connection, type ConnectionArgs } from "../connection";
import { moneyV2, orderVisible, splitTags, type GqlContext, type View } from "../context";
import { orderView } from "./order";
import { storeCreditAccountView } from "./store-credit";

function ordersOf(ctx: GqlContext, customerId: number) {
  return [...ctx.data.orders.values()].filter((o) => o.customer?.id === customerId && orderVisible(ctx, o));
}

/** The Customer view. */
export function customerView(customer: RestCustomer): View {
  const name = [customer.first_name, customer.last_name].filter(Boolean).join(" ");
  const consent = customer.email_marketing_consent;
  return {
    __typename: "Customer",
    id: customer.admin_graphql_api_id,
    email: customer.email,
    phone: customer.phone,
    firstName: customer.first_name,
    lastName: customer.last_name,
    displayName: name || customer.email || "",
    state: customer.state.toUpperCase(),
    tags: splitTags(customer.tags),
    note: customer.note,
    verifiedEmail: customer.verified_email,
    taxExempt: customer.tax_exempt,
    taxExemptions: [],
    locale: "en",
    createdAt: customer.created_at,
    updatedAt: customer.updated_at,
    canDelete: true,
    dataSaleOptOut: false,
    productSubscriberStatus: "NEVER_SUBSCRIBED",
    multipassIdentifier: customer.multipass_identifier,
    validEmailAddress: Boolean(customer.email),
    defaultAddress: null,
    addresses: [],
    lifetimeDuration: "less than a year",
    image: { url: "https://cdn.shopify.com/s/images/admin/customers/customer.png", altText: null, width: 100, height: 100 },
    defaultEmailAddress: customer.email
      ? {
          emailAddress: customer.email,
          marketingState: consent?.state.toUpperCase() ?? "NOT_SUBSCRIBED",
          marketingOptInLevel: consent?.opt_in_level?.toUpperCase() ?? null,
          marketingUpdatedAt: consent?.consent_updated_at ?? null,
          validFormat: true,
        }
      : null,
    defaultPhoneNumber: customer.phone
      ? {
          phoneNumber: customer.phone,
          marketingState: customer.sms_marketing_consent?.state?.toUpperCase() ?? "NOT_SUBSCRIBED",
          marketingOptInLevel: null,
          marketingUpdatedAt: null,
        }
      : null,
    emailMarketingConsent: consent
      ? {
          marketingState: consent.state.toUpperCase(),
          marketingOptInLevel: consent.opt_in_level?.toUpperCase() ?? null,
          consentUpdatedAt: consent.consent_updated_at,
        }
      : null,
    numberOfOrders: (_: unknown, ctx: GqlContext) => String(ordersOf(ctx, customer.id).length),
    amountSpent: (_: unknown, ctx: GqlContext) =>
      moneyV2(
        fromMinor(
          ordersOf(ctx, customer.id).reduce((a, o) => a + toMinor(o.current_total_price, o.currency), 0),
          ctx.data.shop.currency,
        ),
        ctx.data.shop.currency,
      ),
    orders: (args: ConnectionArgs, ctx: GqlContext) => connection(ordersOf(ctx, customer.id), args, (o) => o.id, orderView),
    storeCreditAccounts: (args: ConnectionArgs, ctx: GqlContext) =>
      connection(
        [...ctx.data.storeCredit.values()].filter((a) => a.customerId === customer.id),
        args,
        (a) => a.id,
        storeCreditAccountView,
      ),
  };
}
