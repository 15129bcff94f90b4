/** tagsAdd, tagsRemove, customerCreate and customerUpdate. */
import { buildCustomer, joinTags } from "../../../shopify-payloads";
import { splitTags, type GqlContext } from "../context";
import { resolveNode, requireGid } from "../views/node";
import { customerView } from "../views/customer";
import { snapshot } from "../../store/orders";

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

const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;
/** Shopify stores phones as E.164 and refuses what it cannot read as one. */
const PHONE = /^\+[1-9]\d{6,14}$/;

/** Shopify's userErrors for a customer's email and phone: invalid, or another customer's (UserError has no code). */
function contactErrors(ctx: GqlContext, input: CustomerInput, self: number | null): Array<{ field: string[]; message: string }> {
  const others = [...ctx.data.customers.values()].filter((c) => c.id !== self);
  const errors: Array<{ field: string[]; message: string }> = [];
  if (input.email) {
    if (!EMAIL.test(input.email)) errors.push({ field: ["email"], message: "Email is invalid" });
    else if (others.some((c) => c.email?.toLowerCase() === input.email?.toLowerCase()))
      errors.push({ field: ["email"], message: "Email has already been taken" });
  }
  if (input.phone) {
    const phone = input.phone.replace(/[\s().-]/g, "");
    if (!PHONE.test(phone)) errors.push({ field: ["phone"], message: "Phone is invalid" });
    else if (others.some((c) => c.phone === phone)) errors.push({ field: ["phone"], message: "Phone has already been taken" });
  }
  return errors;
}

/** Mutation resolvers: tagsAdd, tagsRemove, customerCreate, customerUpdate. */
export const customerMutations = {
  tagsAdd: (args: { id: string; tags: string[] }, ctx: GqlContext) =>
    changeTags(ctx, args.id, (current) => [...new Set([...current, ...normalize(args.tags)])]),
  tagsRemove: (args: { id: string; tags: string[] }, ctx: GqlContext) => {
    const remove = new Set(normalize(args.tags).map((t) => t.toLowerCase()));
    return changeTags(ctx, args.id, (current) => current.filter((t) => !remove.has(t.toLowerCase())));
  },
  customerCreate: (args: { input: CustomerInput }, ctx: GqlContext) => {
    const input = args.input;
    if (input.id) return { customer: null, userErrors: [{ field: ["id"], message: "Id must not be set when creating a customer" }] };
    if (!input.email && !input.phone && !input.firstName && !input.lastName) {
      return { customer: null, userErrors: [{ field: null, message: "A name, phone number, or email address must be present" }] };
    }
    const errors = contactErrors(ctx, input, null);
    if (errors.length) return { customer: null, userErrors: errors };
    const now = ctx.now.toISOString();
    const customer = buildCustomer({
      email: input.email || null,
      phone: input.phone ? input.phone.replace(/[\s().-]/g, "") : null,
      firstName: input.firstName || null,
      lastName: input.lastName || null,
      note: input.note ?? null,
      tags: input.tags ?? [],
      currency: ctx.data.shop.currency,
      verifiedEmail: false,
      createdAt: now,
    });
    ctx.data.customers.set(customer.id, customer);
    ctx.webhooks.push({ topic: "customers/create", payload: snapshot(customer) });
    return { customer: customerView(customer), userErrors: [] };
  },
  customerUpdate: (args: { input: CustomerInput }, ctx: GqlContext) => {
    const input = args.input;
    const parsed = input.id ? requireGid(input.id) : null;
    const customer = parsed?.type === "Customer" ? ctx.data.customers.get(parsed.id) : undefined;
    if (!customer) return { customer: null, userErrors: [{ field: ["id"], message: "Customer does not exist" }] };
    const errors = contactErrors(ctx, { email: input.email, phone: null }, customer.id);
    if (errors.length) return { customer: null, userErrors: errors };
    if (input.email !== undefined && input.email !== null) customer.email = input.email;
    if (input.firstName !== undefined) customer.first_name = input.firstName;
    if (input.lastName !== undefined) customer.last_name = input.lastName;
    if (input.phone !== undefined) customer.phone = input.phone;
    if (input.note !== undefined) customer.note = input.note;
    if (input.tags) customer.tags = joinTags(normalize(input.tags));
    customer.updated_at = ctx.now.toISOString();
    return { customer: customerView(customer), userErrors: [] };
  },
};
