// Creating rewards in Shopify: discount codes restricted to one customer, and store credit. Every create is
// made safe to repeat: before creating again after an answer that may have been lost, the code (or credit) is
// looked up, so one redemption never becomes two codes or two credits.
import { toDecimalString } from "~/platform/money";
import { readRewardConfig, type CombinesWith, type RewardKind } from "~/rewards/rewards";
import { AdminApiError, type AdminClient } from "~/platform/shopify/admin-client.server";
import { toGid } from "~/platform/shopify/gid";
import type { CurrencyCode } from "~/types/admin.types";
import {
  DISCOUNT_CODE_BASIC_CREATE,
  DISCOUNT_CODE_DELETE,
  DISCOUNT_CODE_FREE_SHIPPING_CREATE,
  DISCOUNT_CODE_LOOKUP,
  STORE_CREDIT_CREDIT,
  STORE_CREDIT_LOOKUP,
} from "~/rewards/reward-documents";
import { sleep } from "~/platform/sleep";

type UserError = { message: string; code?: string | null };

/** Everything Shopify needs to create one redemption's reward. */
export type RewardIssue = {
  kind: RewardKind;
  config: unknown;
  /** The discount code (null for store credit). */
  code: string | null;
  /** Title merchants see in Shopify; also how Loyalist recognises a code it made. */
  title: string;
  /** The one customer who may use the code; null: any customer, once each (a referred friend who is still a guest). */
  customerId: string | null;
  currency: string;
  valueMinor: number | null;
  combinesWith: CombinesWith;
  startsAt: Date;
  expiresAt: Date;
};

export type IssueOutcome =
  | { status: "issued"; shopifyId: string }
  /** Definitely not created: the points can be returned. */
  | { status: "failed"; error: string }
  /** Shopify could not be reached to find out: try again later. */
  | { status: "unknown"; error: string };

const customerGid = (customerId: string) => toGid("Customer", customerId);

/** The Admin API input for a discount-code reward: restricted to the customer, usable once, ending with the reward. */
export function discountCodeInput(issue: RewardIssue): { mutation: "basic" | "freeShipping"; input: Record<string, unknown> } {
  const money = (minor: number) => toDecimalString(minor, issue.currency);
  const base = {
    title: issue.title,
    code: issue.code,
    startsAt: issue.startsAt.toISOString(),
    endsAt: issue.expiresAt.toISOString(),
    context: issue.customerId ? { customers: { add: [customerGid(issue.customerId)] } } : { all: "ALL" },
    usageLimit: 1,
    appliesOncePerCustomer: true,
    combinesWith: issue.combinesWith,
  };
  switch (issue.kind) {
    case "amount_off": {
      const config = readRewardConfig("amount_off", issue.config);
      return {
        mutation: "basic",
        input: {
          ...base,
          customerGets: { items: { all: true }, value: { discountAmount: { amount: money(config.valueMinor), appliesOnEachItem: false } } },
          ...(config.minimumSubtotalMinor ? { minimumRequirement: { subtotal: { greaterThanOrEqualToSubtotal: money(config.minimumSubtotalMinor) } } } : {}),
        },
      };
    }
    case "points_for_amount":
      return {
        mutation: "basic",
        input: {
          ...base,
          customerGets: { items: { all: true }, value: { discountAmount: { amount: money(issue.valueMinor ?? 0), appliesOnEachItem: false } } },
        },
      };
    case "percent_off": {
      const config = readRewardConfig("percent_off", issue.config);
      const items = config.collectionId ? { collections: { add: [config.collectionId] } } : { all: true };
      return { mutation: "basic", input: { ...base, customerGets: { items, value: { percentage: config.percent / 100 } } } };
    }
    case "free_product": {
      // One unit of the variant free: its price off, taken only from that variant.
      const config = readRewardConfig("free_product", issue.config);
      return {
        mutation: "basic",
        input: {
          ...base,
          customerGets: {
            items: { products: { productVariantsToAdd: [config.variantId] } },
            value: { discountAmount: { amount: money(config.valueMinor), appliesOnEachItem: false } },
          },
        },
      };
    }
    case "free_shipping": {
      const config = readRewardConfig("free_shipping", issue.config);
      return {
        mutation: "freeShipping",
        input: {
          ...base,
          destination: config.countries?.length ? { countries: { add: config.countries, includeRestOfWorld: false } } : { all: true },
          ...(config.maxShippingRateMinor ? { maximumShippingPrice: money(config.maxShippingRateMinor) } : {}),
        },
      };
    }
    default:
      throw new Error(`${issue.kind} rewards are not discount codes`);
  }
}

type CreateResult = { ok: true; id: string } | { ok: false; taken: boolean; error: string };

async function createDiscountCode(client: AdminClient, issue: RewardIssue): Promise<CreateResult> {
  const { mutation, input } = discountCodeInput(issue);
  const payload =
    mutation === "basic"
      ? (await client.request(DISCOUNT_CODE_BASIC_CREATE, { input })).discountCodeBasicCreate
      : (await client.request(DISCOUNT_CODE_FREE_SHIPPING_CREATE, { input })).discountCodeFreeShippingCreate;
  if (!payload) return { ok: false, taken: false, error: "Shopify did not create the reward" };
  if (payload.codeDiscountNode && !payload.userErrors.length) return { ok: true, id: payload.codeDiscountNode.id };
  return { ok: false, taken: payload.userErrors.some((e) => e.code === "TAKEN"), error: describe(payload.userErrors) };
}

export type FoundCode = { id: string; title: string | null; usageCount: number };

/** The discount with this code in the shop, or null. */
export async function findDiscountCode(client: AdminClient, code: string): Promise<FoundCode | null> {
  const { codeDiscountNodeByCode: node } = await client.request(DISCOUNT_CODE_LOOKUP, { code });
  if (!node) return null;
  const discount = node.codeDiscount;
  return {
    id: node.id,
    title: discount && "title" in discount ? discount.title : null,
    usageCount: discount && "asyncUsageCount" in discount ? discount.asyncUsageCount : 0,
  };
}

/** Deletes a discount code; a code that no longer exists counts as deleted. */
export async function deleteDiscountCode(client: AdminClient, id: string): Promise<{ ok: true } | { ok: false; error: string }> {
  const { discountCodeDelete: payload } = await client.request(DISCOUNT_CODE_DELETE, { id });
  if (!payload) return { ok: false, error: "Shopify did not delete the code" };
  if (payload.deletedCodeDiscountId || payload.userErrors.every((e) => /does not exist/i.test(e.message))) return { ok: true };
  return { ok: false, error: describe(payload.userErrors) };
}

async function creditStoreCredit(client: AdminClient, issue: RewardIssue): Promise<CreateResult> {
  if (!issue.customerId) return { ok: false, taken: false, error: "store credit needs a customer" };
  const { storeCreditAccountCredit: payload } = await client.request(STORE_CREDIT_CREDIT, {
    id: customerGid(issue.customerId),
    creditInput: {
      creditAmount: { amount: toDecimalString(issue.valueMinor ?? 0, issue.currency), currencyCode: issue.currency as CurrencyCode },
      expiresAt: issue.expiresAt.toISOString(),
      notify: true,
    },
  });
  if (!payload) return { ok: false, taken: false, error: "Shopify did not credit the store credit" };
  if (payload.storeCreditAccountTransaction && !payload.userErrors.length) return { ok: true, id: payload.storeCreditAccountTransaction.id };
  return { ok: false, taken: false, error: describe(payload.userErrors) };
}

/** A credit this redemption made: same amount and the redemption's own expiry instant (unique to it). */
async function findStoreCredit(client: AdminClient, issue: RewardIssue): Promise<string | null> {
  if (!issue.customerId) return null;
  const data = await client.request(STORE_CREDIT_LOOKUP, { id: customerGid(issue.customerId) });
  const amount = Number(toDecimalString(issue.valueMinor ?? 0, issue.currency));
  for (const account of data.customer?.storeCreditAccounts.nodes ?? []) {
    for (const tx of account.transactions.nodes) {
      if (tx.id && tx.expiresAt && Date.parse(tx.expiresAt) === issue.expiresAt.getTime() && Number(tx.amount?.amount) === amount) return tx.id;
    }
  }
  return null;
}

async function findExisting(client: AdminClient, issue: RewardIssue): Promise<string | null> {
  if (issue.kind === "store_credit") return findStoreCredit(client, issue);
  const found = await findDiscountCode(client, issue.code ?? "");
  return found && found.title === issue.title ? found.id : null;
}

/** Whether a failed request may have been carried out by Shopify (its answer lost). */
function mayHaveApplied(error: AdminApiError): boolean {
  return error.kind === "network" || (error.status ?? 0) >= 500;
}

/**
 * Creates the reward in Shopify, exactly once per redemption, retrying lost answers and 5xx with backoff
 * (throttles are waited out by the client from Shopify's throttleStatus).
 */
export async function issueRewardInShopify(client: AdminClient, issue: RewardIssue, { attempts = 4, backoffMs = 200 } = {}): Promise<IssueOutcome> {
  let maybeApplied = false;
  let lastError = "";
  for (let attempt = 1; attempt <= attempts; attempt++) {
    try {
      if (maybeApplied) {
        const existing = await findExisting(client, issue);
        if (existing) return { status: "issued", shopifyId: existing };
      }
      const created = issue.kind === "store_credit" ? await creditStoreCredit(client, issue) : await createDiscountCode(client, issue);
      if (created.ok) return { status: "issued", shopifyId: created.id };
      if (created.taken) {
        // Our own earlier attempt may have made it; anyone else's code with this value is not ours.
        const existing = await findExisting(client, issue);
        if (existing) return { status: "issued", shopifyId: existing };
      }
      return { status: "failed", error: created.error };
    } catch (error) {
      if (!(error instanceof AdminApiError)) throw error;
      lastError = error.message;
      if (mayHaveApplied(error)) maybeApplied = true;
      else if (error.kind !== "throttled") return { status: "failed", error: error.message };
      if (attempt < attempts) await sleep(backoffMs * 2 ** (attempt - 1));
    }
  }
  if (!maybeApplied) return { status: "failed", error: lastError };
  try {
    const existing = await findExisting(client, issue);
    return existing ? { status: "issued", shopifyId: existing } : { status: "failed", error: lastError };
  } catch (error) {
    return { status: "unknown", error: error instanceof Error ? error.message : String(error) };
  }
}

function describe(errors: UserError[]): string {
  return errors.map((e) => `${e.code ?? "ERROR"}: ${e.message}`).join("; ") || "Shopify did not create the reward";
}
