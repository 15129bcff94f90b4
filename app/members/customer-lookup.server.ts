// Finding Shopify customers by email through the Admin API (member imports from other loyalty apps).
import type { AdminClient } from "~/platform/shopify/admin-client.server";

/** Customers matching an OR of email terms; a page of 250 covers a batch of 50 emails. */
export const CUSTOMERS_BY_EMAIL_QUERY = `#graphql
  query LoyalistCustomersByEmail($query: String!, $first: Int!) {
    customers(first: $first, query: $query) {
      nodes {
        id
        firstName
        lastName
        defaultEmailAddress { emailAddress }
      }
    }
  }
`;

export type FoundCustomer = { customerId: string; email: string; firstName: string | null; lastName: string | null };

const BATCH = 50;

/** The legacy numeric id of a Customer GID ("gid://shopify/Customer/42" → "42"), as webhooks carry it. */
export function customerIdOf(gid: string): string {
  return gid.slice(gid.lastIndexOf("/") + 1);
}

/** Looks emails up in batches; the answer maps each lower-cased email found to its customer. */
export async function findCustomersByEmail(client: AdminClient, emails: string[]): Promise<Map<string, FoundCustomer>> {
  const found = new Map<string, FoundCustomer>();
  const unique = [...new Set(emails.map((e) => e.toLowerCase()))];
  for (let i = 0; i < unique.length; i += BATCH) {
    const batch = unique.slice(i, i + BATCH);
    const query = batch.map((email) => `email:"${email.replace(/["\\]/g, "")}"`).join(" OR ");
    const data = await client.request(CUSTOMERS_BY_EMAIL_QUERY, { query, first: 250 });
    for (const node of data.customers.nodes) {
      const email = node.defaultEmailAddress?.emailAddress?.toLowerCase();
      if (!email || !batch.includes(email) || found.has(email)) continue;
      found.set(email, { customerId: customerIdOf(node.id), email, firstName: node.firstName ?? null, lastName: node.lastName ?? null });
    }
  }
  return found;
}
