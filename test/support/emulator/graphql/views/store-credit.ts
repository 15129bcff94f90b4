/** StoreCreditAccount and its credit transactions. */
import { gid } from "../../ids";
import type { StoreCreditAccountRecord, StoreCreditTransactionRecord } from "../../store/types";
import { connection, type ConnectionArgs } from "../connection";
import { moneyV2, type GqlContext, type View } from "../context";
import { customerView } from "./customer";

/** The StoreCreditAccountCreditTransaction view. */
export function creditTransactionView(account: StoreCreditAccountRecord, t: StoreCreditTransactionRecord): View {
  return {
    __typename: "StoreCreditAccountCreditTransaction",
    id: gid("StoreCreditAccountCreditTransaction", t.id),
    amount: moneyV2(t.amount, account.currency),
    balanceAfterTransaction: moneyV2(t.balanceAfter, account.currency),
    remainingAmount: moneyV2(t.amount, account.currency),
    createdAt: t.createdAt,
    expiresAt: t.expiresAt,
    event: "ADJUSTMENT",
    origin: null,
    account: () => storeCreditAccountView(account),
  };
}

/** The StoreCreditAccount view. */
export function storeCreditAccountView(account: StoreCreditAccountRecord): View {
  return {
    __typename: "StoreCreditAccount",
    id: gid("StoreCreditAccount", account.id),
    balance: moneyV2(account.balance, account.currency),
    owner: (_: unknown, ctx: GqlContext) => {
      const customer = ctx.data.customers.get(account.customerId);
      return customer ? customerView(customer) : null;
    },
    transactions: (args: ConnectionArgs) =>
      connection(
        [...account.transactions].reverse(),
        args,
        (t) => t.id,
        (t) => creditTransactionView(account, t),
      ),
  };
}
