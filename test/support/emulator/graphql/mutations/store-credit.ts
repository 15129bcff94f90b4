/** storeCreditAccountCredit: credits a customer's store credit account (created on first credit in the shop currency). */
import { fromMinor, toMinor } from "../../../shopify-payloads";
import { nextId } from "../../ids";
import type { StoreCreditAccountRecord } from "../../store/types";
import type { GqlContext, UserErrorView } from "../context";
import { creditTransactionView } from "../views/store-credit";
import { requireGid } from "../views/node";

interface CreditInput {
  creditAmount: { amount: string | number; currencyCode: string };
  expiresAt?: string | null;
  notify?: boolean | null;
}

const fail = (field: string[], message: string, code: string) => ({
  storeCreditAccountTransaction: null,
  userErrors: [{ field, message, code }] as UserErrorView[],
});

function findAccount(ctx: GqlContext, id: string, currency: string): StoreCreditAccountRecord | string {
  const { type, id: n } = requireGid(id);
  if (type === "StoreCreditAccount") return ctx.data.storeCredit.get(n) ?? "ACCOUNT_NOT_FOUND";
  if (type !== "Customer" || !ctx.data.customers.has(n)) return "OWNER_NOT_FOUND";
  const existing = [...ctx.data.storeCredit.values()].find((a) => a.customerId === n && a.currency === currency);
  if (existing) return existing;
  if (currency !== ctx.data.shop.currency) return "UNSUPPORTED_CURRENCY";
  const account: StoreCreditAccountRecord = { id: nextId("storeCredit"), customerId: n, currency, balance: fromMinor(0, currency), transactions: [] };
  ctx.data.storeCredit.set(account.id, account);
  return account;
}

/** Mutation resolver: storeCreditAccountCredit. */
export const storeCreditMutations = {
  storeCreditAccountCredit: (args: { id: string; creditInput: CreditInput }, ctx: GqlContext) => {
    const { amount, currencyCode } = args.creditInput.creditAmount;
    let minor: number;
    try {
      minor = toMinor(amount, currencyCode);
    } catch {
      return fail(["creditInput", "creditAmount", "amount"], "The amount is invalid for the currency.", "INVALID");
    }
    if (!(minor > 0))
      return fail(["creditInput", "creditAmount", "amount"], "A positive amount must be used to credit a store credit account.", "NEGATIVE_OR_ZERO_AMOUNT");
    if (args.creditInput.expiresAt && new Date(args.creditInput.expiresAt) <= ctx.now) {
      return fail(["creditInput", "expiresAt"], "The expiry date must be in the future.", "EXPIRES_AT_IN_PAST");
    }
    const account = findAccount(ctx, args.id, currencyCode);
    if (account === "OWNER_NOT_FOUND") return fail(["id"], "Owner does not exist.", "OWNER_NOT_FOUND");
    if (account === "ACCOUNT_NOT_FOUND") return fail(["id"], "Store credit account does not exist.", "ACCOUNT_NOT_FOUND");
    if (account === "UNSUPPORTED_CURRENCY")
      return fail(["creditInput", "creditAmount", "currencyCode"], "The currency provided is not supported.", "UNSUPPORTED_CURRENCY");
    if (typeof account === "string") return fail(["id"], account, "ACCOUNT_NOT_FOUND");
    if (account.currency !== currencyCode) {
      return fail(
        ["creditInput", "creditAmount", "currencyCode"],
        "The currency provided does not match the currency of the store credit account.",
        "MISMATCHING_CURRENCY",
      );
    }
    account.balance = fromMinor(toMinor(account.balance, account.currency) + minor, account.currency);
    const transaction = {
      id: nextId("storeCredit"),
      amount: fromMinor(minor, account.currency),
      balanceAfter: account.balance,
      createdAt: ctx.now.toISOString(),
      expiresAt: args.creditInput.expiresAt ?? null,
    };
    account.transactions.push(transaction);
    return { storeCreditAccountTransaction: creditTransactionView(account, transaction), userErrors: [] };
  },
};
