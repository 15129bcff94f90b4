/** Code discount mutations: create (basic, free shipping, BXGY), delete, deactivate, activate. */
import { nextId } from "../../ids";
import type { DiscountKind, DiscountRecord } from "../../store/types";
import type { GqlContext, UserErrorView } from "../context";
import { codeDiscountNodeView } from "../views/discount";
import { requireGid } from "../views/node";
import { validateDiscountInput } from "./discount-validation";

type Input = Record<string, unknown>;

function create(ctx: GqlContext, kind: DiscountKind, arg: string, input: Input) {
  const { errors, customerIds } = validateDiscountInput(ctx, kind, arg, input);
  if (errors.length > 0) return { codeDiscountNode: null, userErrors: errors };
  const now = ctx.now.toISOString();
  const record: DiscountRecord = {
    id: nextId("discount"),
    kind,
    code: String(input.code).trim(),
    redeemCodeId: nextId("redeemCode"),
    title: String(input.title),
    startsAt: new Date(String(input.startsAt)).toISOString(),
    endsAt: input.endsAt ? new Date(String(input.endsAt)).toISOString() : null,
    createdAt: now,
    updatedAt: now,
    asyncUsageCount: 0,
    customerIds,
    input: structuredClone(input),
  };
  ctx.data.discounts.set(record.id, record);
  return { codeDiscountNode: codeDiscountNodeView(record), userErrors: [] };
}

function find(ctx: GqlContext, id: string): DiscountRecord | null {
  const parsed = requireGid(id);
  return parsed.type === "DiscountCodeNode" ? (ctx.data.discounts.get(parsed.id) ?? null) : null;
}

const notFound: UserErrorView[] = [{ field: ["id"], message: "Discount does not exist", code: "INVALID" }];

/** Mutation resolvers for code discounts. */
export const discountMutations = {
  discountCodeBasicCreate: (args: { basicCodeDiscount: Input }, ctx: GqlContext) => create(ctx, "basic", "basicCodeDiscount", args.basicCodeDiscount),
  discountCodeFreeShippingCreate: (args: { freeShippingCodeDiscount: Input }, ctx: GqlContext) =>
    create(ctx, "freeShipping", "freeShippingCodeDiscount", args.freeShippingCodeDiscount),
  discountCodeBxgyCreate: (args: { bxgyCodeDiscount: Input }, ctx: GqlContext) => create(ctx, "bxgy", "bxgyCodeDiscount", args.bxgyCodeDiscount),
  discountCodeDelete: (args: { id: string }, ctx: GqlContext) => {
    const record = find(ctx, args.id);
    if (!record) return { deletedCodeDiscountId: null, userErrors: notFound };
    ctx.data.discounts.delete(record.id);
    return { deletedCodeDiscountId: args.id, userErrors: [] };
  },
  discountCodeDeactivate: (args: { id: string }, ctx: GqlContext) => {
    const record = find(ctx, args.id);
    if (!record) return { codeDiscountNode: null, userErrors: notFound };
    const now = ctx.now.toISOString();
    if (!record.endsAt || record.endsAt > now) record.endsAt = now;
    record.updatedAt = now;
    return { codeDiscountNode: codeDiscountNodeView(record), userErrors: [] };
  },
  discountCodeActivate: (args: { id: string }, ctx: GqlContext) => {
    const record = find(ctx, args.id);
    if (!record) return { codeDiscountNode: null, userErrors: notFound };
    const now = ctx.now.toISOString();
    record.endsAt = null;
    if (record.startsAt > now) record.startsAt = now;
    record.updatedAt = now;
    return { codeDiscountNode: codeDiscountNodeView(record), userErrors: [] };
  },
};
