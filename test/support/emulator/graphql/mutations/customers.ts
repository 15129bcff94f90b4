/** tagsAdd, tagsRemove and customerUpdate. */
import { joinTags } from "../../../shopify-payloads";
import { splitTags, type GqlContext } from "../context";
import { resolveNode, requireGid } from "../views/node";
import { customerView } from "../views/customer";

function normalize(tags: string[]): string[] {
  return tags
    .flatMap((t) => t.split(","))
    .map((t) => t.trim())
    .filter(Boolean);
}

function changeTags(ctx: GqlContext, id: string, change: (current: string[]) => string[]) {
  const { type, id: n } = requireGid(id);
  const now = ctx.now.toISOString();
  const target = type === "Customer" ? ctx.data.customers.get(n) : type === "Order" ? ctx.data.orders.get(n) : undefined;
  if (target) {
    target.tags = joinTags(change(splitTags(target.tags)));
    target.updated_at = now;
    return { node: resolveNode(ctx, id), userErrors: [] };
  }
  const product = type === "Product" ? ctx.data.products.get(n) : undefined;
  if (product) {
    product.tags = change(product.tags);
    product.updatedAt = now;
    return { node: resolveNode(ctx, id), userErrors: [] };
  }
  return { node: null, userErrors: [{ field: ["id"], message: "Resource does not exist" }] };
}

interface CustomerInput {
  id?: string | null;
  email?: string | null;
  firstName?: string | null;
  lastName?: string | null;
  phone?: string | null;
  note?: string | null;
  tags?: string[] | null;
}

/** Mutation resolvers: tagsAdd, tagsRemove, customerUpdate. */
export const customerMutations = {
  tagsAdd: (args: { id: string; tags: string[] }, ctx: GqlContext) =>
    changeTags(ctx, args.id, (current) => [...new Set([...current, ...normalize(args.tags)])]),
  tagsRemove: (args: { id: string; tags: string[] }, ctx: GqlContext) => {
    const remove = new Set(normalize(args.tags).map((t) => t.toLowerCase()));
    return changeTags(ctx, args.id, (current) => current.filter((t) => !remove.has(t.toLowerCase())));
  },
  customerUpdate: (args: { input: CustomerInput }, ctx: GqlContext) => {
    const input = args.input;
    const parsed = input.id ? requireGid(input.id) : null;
    const customer = parsed?.type === "Customer" ? ctx.data.customers.get(parsed.id) : undefined;
    if (!customer) return { customer: null, userErrors: [{ field: ["id"], message: "Customer does not exist" }] };
    if (input.email !== undefined && input.email !== null) {
      if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(input.email)) return { customer: null, userErrors: [{ field: ["email"], message: "Email is invalid" }] };
      const taken = [...ctx.data.customers.values()].some((c) => c.id !== customer.id && c.email?.toLowerCase() === input.email?.toLowerCase());
      if (taken) return { customer: null, userErrors: [{ field: ["email"], message: "Email has already been taken" }] };
      customer.email = input.email;
    }
    if (input.firstName !== undefined) customer.first_name = input.firstName;
    if (input.lastName !== undefined) customer.last_name = input.lastName;
    if (input.phone !== undefined) customer.phone = input.phone;
    if (input.note !== undefined) customer.note = input.note;
    if (input.tags) customer.tags = joinTags(normalize(input.tags));
    customer.updated_at = ctx.now.toISOString();
    return { customer: customerView(customer), userErrors: [] };
  },
};
