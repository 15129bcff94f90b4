/** Validation of code-discount create inputs, with Shopify's userErrors (field paths start at the argument name). */
import { toMinor } from "../../../shopify-payloads";
import { parseGid } from "../../ids";
import type { DiscountKind } from "../../store/types";
import type { GqlContext, UserErrorView } from "../context";

type Input = Record<string, unknown>;
const obj = (v: unknown): Input | null => (v && typeof v === "object" && !Array.isArray(v) ? (v as Input) : null);
const blank = (v: unknown) => v === undefined || v === null || (typeof v === "string" && v.trim() === "");

export interface DiscountValidation {
  errors: UserErrorView[];
  customerIds: number[] | null;
}

function validateCustomers(ctx: GqlContext, path: string[], add: unknown, errors: UserErrorView[]): number[] {
  const list = Array.isArray(add) ? add.map(String) : [];
  if (list.length === 0) errors.push({ field: path, message: "Customers can't be blank", code: "BLANK" });
  const idsOut: number[] = [];
  for (const id of list) {
    const parsed = parseGid(id);
    if (!parsed || parsed.type !== "Customer" || !ctx.data.customers.has(parsed.id)) {
      errors.push({ field: path, message: `Customer with id ${id} does not exist`, code: "INVALID" });
    } else {
      idsOut.push(parsed.id);
    }
  }
  return idsOut;
}

function validateBuyers(ctx: GqlContext, arg: string, input: Input, errors: UserErrorView[]): number[] | null {
  const context = obj(input.context);
  const selection = obj(input.customerSelection);
  if (context && selection) {
    errors.push({ field: [arg, "context"], message: "Only one of context or customerSelection can be provided.", code: "TOO_MANY_ARGUMENTS" });
    return null;
  }
  if (!context && !selection) {
    errors.push({ field: [arg, "context"], message: "Context can't be blank", code: "BLANK" });
    return null;
  }
  const key = context ? "context" : "customerSelection";
  const source = (context ?? selection) as Input;
  const customers = obj(source.customers);
  if (customers) return validateCustomers(ctx, [arg, key, "customers", "add"], customers.add, errors);
  return null;
}

function validateItems(ctx: GqlContext, path: string[], items: Input | null, kind: DiscountKind, errors: UserErrorView[]): void {
  if (!items) {
    errors.push({ field: path, message: "Items can't be blank", code: "BLANK" });
    return;
  }
  const products = obj(items.products);
  const collections = obj(items.collections);
  if (items.all === true && kind === "bxgy")
    errors.push({ field: path, message: "Items must be products or collections for a buy X get Y discount", code: "INVALID" });
  if (!products && !collections && items.all !== true) errors.push({ field: path, message: "Items must be specified", code: "BLANK" });
  for (const id of (products?.productsToAdd as unknown[] | undefined) ?? []) {
    const p = parseGid(String(id));
    if (!p || !ctx.data.products.has(p.id))
      errors.push({ field: [...path, "products", "productsToAdd"], message: `Product with id ${id} does not exist`, code: "INVALID" });
  }
  for (const id of (collections?.add as unknown[] | undefined) ?? []) {
    const c = parseGid(String(id));
    if (!c || !ctx.data.collections.has(c.id))
      errors.push({ field: [...path, "collections", "add"], message: `Collection with id ${id} does not exist`, code: "INVALID" });
  }
}

function validateValue(path: string[], value: Input | null, kind: DiscountKind, errors: UserErrorView[]): void {
  if (!value) {
    errors.push({ field: path, message: "Value can't be blank", code: "BLANK" });
    return;
  }
  const onQuantity = obj(value.discountOnQuantity);
  if (kind === "bxgy" && !onQuantity) {
    errors.push({ field: [...path, "discountOnQuantity"], message: "Discount on quantity can't be blank", code: "BLANK" });
    return;
  }
  const set = ["percentage", "discountAmount", "discountOnQuantity"].filter((k) => value[k] !== undefined && value[k] !== null);
  if (set.length !== 1) errors.push({ field: path, message: "Exactly one of percentage, discountAmount or discountOnQuantity is required", code: "INVALID" });
  const effect = onQuantity ? obj(onQuantity.effect) : value;
  const effectPath = onQuantity ? [...path, "discountOnQuantity", "effect"] : path;
  const percentage = effect?.percentage;
  if (typeof percentage === "number" && (percentage <= 0 || percentage > 1)) {
    errors.push({ field: [...effectPath, "percentage"], message: "Value must be between 0.0 and 1.0", code: "VALUE_OUTSIDE_RANGE" });
  }
  const amount = onQuantity ? effect?.amount : obj(value.discountAmount)?.amount;
  if (amount !== undefined && amount !== null && !(Number(amount) > 0)) {
    errors.push({
      field: [...effectPath, onQuantity ? "amount" : "discountAmount", ...(onQuantity ? [] : ["amount"])],
      message: "Value must be greater than 0",
      code: "GREATER_THAN",
    });
  }
}

/** Money in the input must be a decimal with at most the shop currency's digits (no "12.345" dollars, no "12.5" yen). */
function validateMoneyPrecision(ctx: GqlContext, arg: string, input: Input, errors: UserErrorView[]): void {
  const value = obj(obj(input.customerGets)?.value);
  const amounts: [string[], unknown][] = [
    [[arg, "customerGets", "value", "discountAmount", "amount"], obj(value?.discountAmount)?.amount],
    [[arg, "minimumRequirement", "subtotal", "greaterThanOrEqualToSubtotal"], obj(obj(input.minimumRequirement)?.subtotal)?.greaterThanOrEqualToSubtotal],
    [[arg, "maximumShippingPrice"], input.maximumShippingPrice],
  ];
  for (const [field, amount] of amounts) {
    if (amount === undefined || amount === null) continue;
    try {
      toMinor(amount as string | number, ctx.data.shop.currency);
    } catch {
      errors.push({ field, message: `Amount is not valid for ${ctx.data.shop.currency}`, code: "INVALID" });
    }
  }
}

/** Validates a discountCode{Basic,FreeShipping,Bxgy}Create input against the shop's data. */
export function validateDiscountInput(ctx: GqlContext, kind: DiscountKind, arg: string, input: Input): DiscountValidation {
  const errors: UserErrorView[] = [];
  const code = typeof input.code === "string" ? input.code : "";
  if (blank(input.title)) errors.push({ field: [arg, "title"], message: "Title can't be blank", code: "BLANK" });
  else if (String(input.title).length > 255) errors.push({ field: [arg, "title"], message: "Title is too long (maximum is 255 characters)", code: "TOO_LONG" });
  if (blank(code)) errors.push({ field: [arg, "code"], message: "Code can't be blank", code: "BLANK" });
  else if (code.length > 255) errors.push({ field: [arg, "code"], message: "Code is too long (maximum is 255 characters)", code: "TOO_LONG" });
  else if (/[\r\n]/.test(code)) errors.push({ field: [arg, "code"], message: "Code cannot contain newline characters.", code: "INVALID" });
  else if ([...ctx.data.discounts.values()].some((d) => d.code.toLowerCase() === code.trim().toLowerCase())) {
    errors.push({ field: [arg, "code"], message: "Code must be unique. Please try a different code.", code: "TAKEN" });
  }
  if (blank(input.startsAt)) errors.push({ field: [arg, "startsAt"], message: "Starts at can't be blank", code: "BLANK" });
  else if (Number.isNaN(Date.parse(String(input.startsAt)))) errors.push({ field: [arg, "startsAt"], message: "Starts at is invalid", code: "INVALID" });
  if (!blank(input.endsAt) && !blank(input.startsAt) && Date.parse(String(input.endsAt)) <= Date.parse(String(input.startsAt))) {
    errors.push({ field: [arg, "endsAt"], message: "Ends at needs to be after starts_at", code: "END_DATE_BEFORE_START_DATE" });
  }
  if (typeof input.usageLimit === "number" && input.usageLimit < 1) {
    errors.push({ field: [arg, "usageLimit"], message: "Usage limit must be greater than 0", code: "GREATER_THAN" });
  }
  const minimum = obj(input.minimumRequirement);
  if (minimum && obj(minimum.subtotal) && obj(minimum.quantity)) {
    errors.push({
      field: [arg, "minimumRequirement"],
      message: "Minimum subtotal and quantity can't both be present",
      code: "MINIMUM_SUBTOTAL_AND_QUANTITY_RANGE_BOTH_PRESENT",
    });
  }
  const customerIds = validateBuyers(ctx, arg, input, errors);
  if (kind !== "freeShipping") {
    const gets = obj(input.customerGets);
    if (!gets) errors.push({ field: [arg, "customerGets"], message: "Customer gets can't be blank", code: "BLANK" });
    else {
      validateItems(ctx, [arg, "customerGets", "items"], obj(gets.items), kind, errors);
      validateValue([arg, "customerGets", "value"], obj(gets.value), kind, errors);
    }
  }
  if (kind === "bxgy") {
    const buys = obj(input.customerBuys);
    if (!buys) errors.push({ field: [arg, "customerBuys"], message: "Customer buys can't be blank", code: "BLANK" });
    else {
      validateItems(ctx, [arg, "customerBuys", "items"], obj(buys.items), kind, errors);
      const value = obj(buys.value);
      if (!value || (value.quantity == null && value.amount == null))
        errors.push({ field: [arg, "customerBuys", "value"], message: "Value can't be blank", code: "BLANK" });
    }
  }
  if (kind === "freeShipping" && input.maximumShippingPrice != null && Number(input.maximumShippingPrice) < 0) {
    errors.push({
      field: [arg, "maximumShippingPrice"],
      message: "Maximum shipping price must be greater than or equal to 0",
      code: "GREATER_THAN_OR_EQUAL_TO",
    });
  }
  validateMoneyPrecision(ctx, arg, input, errors);
  return { errors, customerIds };
}
