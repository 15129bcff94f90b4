// Notifications' calls to the Admin API: Flow triggers, customer metafields (and their definitions), tier tags.
// Each checks userErrors and returns a typed outcome; transport errors come out as AdminApiError.
import { logger } from "~/platform/logger.server";
import type { MetafieldCustomerAccountAccessInput, MetafieldOwnerType, MetafieldStorefrontAccessInput } from "~/types/admin.types";
import { AdminApiError, type AdminClient } from "~/platform/shopify/admin-client.server";
import { CUSTOMER_METAFIELDS, METAFIELD_NAMESPACE, type FlowTriggerCall, type MetafieldKey, type MetafieldValue } from "~/notifications/flow";

export const FLOW_TRIGGER_MUTATION = `#graphql
  mutation LoyalistFlowTrigger($handle: String!, $payload: JSON!) {
    flowTriggerReceive(handle: $handle, payload: $payload) {
      userErrors { field message }
    }
  }
`;

export const CUSTOMER_METAFIELDS_MUTATION = `#graphql
  mutation LoyalistCustomerMetafields($metafields: [MetafieldsSetInput!]!) {
    metafieldsSet(metafields: $metafields) {
      metafields { id }
      userErrors { field message code }
    }
  }
`;

export const TAGS_ADD_MUTATION = `#graphql
  mutation LoyalistTagsAdd($id: ID!, $tags: [String!]!) {
    tagsAdd(id: $id, tags: $tags) {
      userErrors { field message }
    }
  }
`;

export const TAGS_REMOVE_MUTATION = `#graphql
  mutation LoyalistTagsRemove($id: ID!, $tags: [String!]!) {
    tagsRemove(id: $id, tags: $tags) {
      userErrors { field message }
    }
  }
`;

export const METAFIELD_DEFINITION_MUTATION = `#graphql
  mutation LoyalistMetafieldDefinition($definition: MetafieldDefinitionInput!) {
    metafieldDefinitionCreate(definition: $definition) {
      createdDefinition { id }
      userErrors { field message code }
    }
  }
`;

export type Outcome = { ok: true } | { ok: false; error: string };

const customerGid = (customerId: string) => `gid://shopify/Customer/${customerId}`;
const refused = (errors: readonly { message: string }[]): Outcome => ({
  ok: false,
  error: errors
    .map((e) => e.message)
    .join("; ")
    .slice(0, 500),
});

/** Fires a Flow trigger; a refusal (userErrors) is returned, a transport failure thrown (AdminApiError). */
export async function fireFlowTrigger(client: AdminClient, call: FlowTriggerCall): Promise<Outcome> {
  const result = await client.request(FLOW_TRIGGER_MUTATION, { handle: call.handle, payload: call.payload });
  const errors = result.flowTriggerReceive?.userErrors ?? [];
  return errors.length ? refused(errors) : { ok: true };
}

/** Writes one batch (at most 25) of customer metafields; metafieldsSet is all or nothing. */
export async function setCustomerMetafields(client: AdminClient, batch: readonly MetafieldValue[]): Promise<Outcome> {
  if (batch.length > 25) throw new Error("metafieldsSet takes at most 25 metafields");
  const result = await client.request(CUSTOMER_METAFIELDS_MUTATION, {
    metafields: batch.map((m) => ({ ownerId: customerGid(m.customerId), namespace: METAFIELD_NAMESPACE, key: m.key, type: m.type, value: m.value })),
  });
  const errors = result.metafieldsSet?.userErrors ?? [];
  return errors.length ? refused(errors) : { ok: true };
}

/** Adds and removes customer tags (both are idempotent in Shopify, so a retry is harmless). */
export async function changeCustomerTags(client: AdminClient, customerId: string, change: { add: string[]; remove: string[] }): Promise<Outcome> {
  if (change.remove.length) {
    const result = await client.request(TAGS_REMOVE_MUTATION, { id: customerGid(customerId), tags: change.remove });
    const errors = result.tagsRemove?.userErrors ?? [];
    if (errors.length) return refused(errors);
  }
  if (change.add.length) {
    const result = await client.request(TAGS_ADD_MUTATION, { id: customerGid(customerId), tags: change.add });
    const errors = result.tagsAdd?.userErrors ?? [];
    if (errors.length) return refused(errors);
  }
  return { ok: true };
}

/**
 * Creates the loyalist.* customer metafield definitions (docs/decisions/024), so segments, Shopify Email and
 * Klaviyo offer them by name. One already there (TAKEN) counts as done. Returns the keys that failed.
 */
export async function createCustomerMetafieldDefinitions(client: AdminClient): Promise<MetafieldKey[]> {
  const failed: MetafieldKey[] = [];
  for (const [key, spec] of Object.entries(CUSTOMER_METAFIELDS) as [MetafieldKey, (typeof CUSTOMER_METAFIELDS)[MetafieldKey]][]) {
    try {
      const result = await client.request(METAFIELD_DEFINITION_MUTATION, {
        definition: {
          namespace: METAFIELD_NAMESPACE,
          key,
          type: spec.type,
          name: spec.name,
          description: spec.description,
          ownerType: "CUSTOMER" as MetafieldOwnerType,
          // Liquid and the Customer Account API may read them (the shopper's own numbers); nobody else writes them.
          access: { storefront: "PUBLIC_READ" as MetafieldStorefrontAccessInput, customerAccount: "READ" as MetafieldCustomerAccountAccessInput },
        },
      });
      const errors = result.metafieldDefinitionCreate?.userErrors ?? [];
      if (errors.some((e) => e.code !== "TAKEN")) failed.push(key);
    } catch (error) {
      if (!(error instanceof AdminApiError)) throw error;
      failed.push(key);
    }
  }
  return failed;
}

/** At install: the customer metafield definitions. Never throws (installing never fails on them); logs what failed. */
export async function installCustomerMetafieldDefinitions(shop: string, client: AdminClient | undefined): Promise<void> {
  if (!client) return;
  try {
    const failed = await createCustomerMetafieldDefinitions(client);
    if (failed.length) logger.warn({ shop, failed }, "some customer metafield definitions could not be created");
  } catch (error) {
    logger.warn({ shop, err: error }, "customer metafield definitions could not be created");
  }
}
