// Test data made the way the app makes it, so tests go through the rules production enforces: rewards and
// donation causes through the admin's own form actions (forms built by the app's form mapping and typed by
// its schemas, so no test spells a page's field names), balances through staff adjustments (the ledger's
// adjustment service), orders as signed webhooks from the emulator. No raw INSERTs.
import crypto from "node:crypto";
import type { z } from "zod";
import type { adjustmentFormSchema } from "~/ledger/adjustments";
import type { ProgramSettings } from "~/program/program";
import { formValuesOf } from "~/program/settings-form";
import { rewardFormValues } from "~/rewards/reward-form";
import { actionFormValues, type ActionFormValues } from "~/actions/action-form";
import type { ActionKind } from "~/actions/actions";
import type { CombinesWith, RewardKind } from "~/rewards/rewards";
import type { causeInputSchema } from "~/rewards/rewards.server";
import { adminGet, adminPost } from "./admin";
import type { Sandbox } from "./sandbox";

const unique = () => crypto.randomUUID().slice(0, 8);

async function okJson<T>(response: Response, what: string): Promise<T> {
  if (!response.ok) throw new Error(`${what} answered ${response.status}: ${await response.text()}`);
  return (await response.json()) as T;
}

export type RewardSpec = {
  kind: RewardKind;
  /** The kind's settings as stored (money in minor units), e.g. `{ valueMinor: 500 }`. */
  config: Record<string, unknown>;
  pointsCost?: number;
  name?: string;
  description?: string | null;
  enabled?: boolean;
  perCustomerLimit?: number | null;
  codeValidityDays?: number;
  combinesWith?: CombinesWith;
  activeFrom?: Date | null;
  activeUntil?: Date | null;
  /** Per-locale overrides as the merchant types them, e.g. `{ fi: { name: "5 € alennus" } }`. */
  translations?: Record<string, { name?: string; description?: string }>;
  /** A tier id: only members in that tier or a higher one may redeem it. */
  minimumTier?: string | null;
};

/** The reward form as the admin page would fill it for `spec` (the page's own mapping from a reward to fields). */
export function rewardForm(spec: RewardSpec, currency = "USD"): URLSearchParams {
  const values = rewardFormValues(
    {
      name: spec.name ?? `${spec.kind} reward ${unique()}`,
      description: spec.description ?? null,
      kind: spec.kind,
      pointsCost: spec.pointsCost ?? 100,
      config: spec.config,
      enabled: spec.enabled ?? true,
      activeFrom: spec.activeFrom ?? null,
      activeUntil: spec.activeUntil ?? null,
      perCustomerLimit: spec.perCustomerLimit ?? null,
      combinesWith: spec.combinesWith ?? { orderDiscounts: false, productDiscounts: true, shippingDiscounts: true },
      codeValidityDays: spec.codeValidityDays ?? 30,
      minimumTier: spec.minimumTier ?? null,
      onlyNonBuyersOfCollectionId: null,
      translations: spec.translations ?? {},
    },
    currency,
  );
  const form = new URLSearchParams(values);
  for (const causeId of (spec.config.causeIds as string[] | undefined) ?? []) form.append("causeIds", causeId);
  return form;
}

/** A reward saved by the shop owner through the admin's reward form; resolves to its id. */
export async function aReward(sandbox: Sandbox, shop: string, spec: RewardSpec): Promise<string> {
  const page = { shop, path: "/app/rewards/new", routeId: "app.rewards.$id" };
  const { currency } = await okJson<{ currency: string }>(await adminGet(sandbox, page), "the new-reward page");
  const form = rewardForm(spec, currency);
  const saved = await adminPost(sandbox, page, form);
  if (saved.status !== 204) throw new Error(`saving reward ${form.get("name")} answered ${saved.status}: ${await saved.text()}`);
  const list = await okJson<{ rewards: { id: string; name: string }[] }>(
    await adminGet(sandbox, { shop, path: "/app/rewards", routeId: "app.rewards._index" }),
    "the rewards page",
  );
  const reward = list.rewards.find((r) => r.name === form.get("name"));
  if (!reward) throw new Error(`reward ${form.get("name")} is not listed after saving`);
  return reward.id;
}

/** A donation cause added by the shop owner on the Donations page; resolves to its id. */
export async function aDonationCause(
  sandbox: Sandbox,
  shop: string,
  cause: Partial<Pick<z.input<typeof causeInputSchema>, "name" | "description" | "matchPercent">> = {},
): Promise<string> {
  const name = cause.name ?? `Cause ${unique()}`;
  const page = { shop, path: "/app/donations", routeId: "app.donations" };
  const fields: Record<string, string> = { intent: "cause", name, matchPercent: String(cause.matchPercent ?? 0) };
  if (cause.description) fields.description = cause.description;
  await okJson(await adminPost(sandbox, page, fields), `adding cause ${name}`);
  const report = await okJson<{ causes: { id: string; name: string }[] }>(await adminGet(sandbox, page), "the donations page");
  const saved = report.causes.find((c) => c.name === name);
  if (!saved) throw new Error(`cause ${name} is not listed after saving`);
  return saved.id;
}

type AdjustmentInput = z.input<typeof adjustmentFormSchema>;
/** The staff adjustment form's fields, keyed by the action's schema (a renamed field fails to compile); a string may be invalid on purpose. */
export type AdjustmentFields = { [K in keyof AdjustmentInput]?: AdjustmentInput[K] | string };

/** A staff adjustment form: 100 points added for goodwill, in a fresh submission, unless `fields` say otherwise. */
export function adjustmentForm(fields: AdjustmentFields = {}): Record<string, string> {
  const values: AdjustmentFields = {
    direction: "add",
    points: 100,
    reason: "goodwill",
    submissionId: `s${crypto.randomUUID().replaceAll("-", "")}`,
    ...fields,
  };
  return Object.fromEntries(Object.entries(values).flatMap(([key, value]) => (value === undefined ? [] : [[key, String(value)]])));
}

/** Posts a staff adjustment on the member's admin page (the ledger's adjustment service). */
export function anAdjustment(sandbox: Sandbox, shop: string, memberId: string, fields: AdjustmentFields, userId?: number): Promise<Response> {
  return adminPost(sandbox, { shop, path: `/app/members/${memberId}`, routeId: "app.members.$id", userId }, adjustmentForm(fields));
}

export type OrderSpec = {
  /** The customer (from the emulator's store); none: a guest order. */
  customer?: { id: number | string } | null;
  /** The order's one line price as Shopify writes it ("25.00"). */
  price?: string;
  quantity?: number;
  discountCodes?: string[];
};

/** An order placed in the emulator and delivered to the app as signed webhooks, processed before it resolves. */
export async function anOrder(sandbox: Sandbox, shop: string, spec: OrderSpec = {}) {
  const price = spec.price ?? "10.00";
  const product = sandbox.emulator.store.addProduct(shop, { title: `Product ${unique()}`, variants: [{ price }] });
  const placed = await sandbox.emulator.orders.place(shop, {
    customer: spec.customer ? { id: spec.customer.id } : null,
    lines: [{ productId: product.id, variantId: product.variants[0].id, quantity: spec.quantity ?? 1, price }],
    discountCodes: spec.discountCodes,
  });
  await sandbox.settle();
  return placed;
}

export type MemberSpec = { balance?: number; email?: string; firstName?: string; lastName?: string };

/**
 * A member with exactly `balance` points: a Shopify customer whose first order makes them a member, then a
 * staff adjustment (reason "correction") to the balance asked for.
 */
export async function aMember(sandbox: Sandbox, shop: string, spec: MemberSpec = {}) {
  const customer = sandbox.emulator.store.addCustomer(shop, {
    email: spec.email ?? `member-${unique()}@example.com`,
    first_name: spec.firstName ?? "Ada",
    last_name: spec.lastName ?? "Lovelace",
  });
  await anOrder(sandbox, shop, { customer, price: "1.00" });
  const { rows } = await sandbox.db.query<{ id: string; balance: number }>(`SELECT id, balance FROM "Member" WHERE "shopDomain" = $1 AND "customerId" = $2`, [
    shop,
    String(customer.id),
  ]);
  if (!rows[0]) throw new Error(`customer ${customer.id}'s order made no member in ${shop} (is the program on?)`);
  let balance = rows[0].balance;
  const wanted = spec.balance ?? balance;
  if (wanted !== balance) {
    const answer = await anAdjustment(sandbox, shop, rows[0].id, {
      direction: wanted > balance ? "add" : "remove",
      points: Math.abs(wanted - balance),
      reason: "correction",
      confirmed: "yes",
    });
    balance = (await okJson<{ balance: number }>(answer, `adjusting member ${rows[0].id}`)).balance;
  }
  return { memberId: rows[0].id, customerId: String(customer.id), customer, email: customer.email as string, balance };
}

/** A way to earn's form fields (app/actions/action-form.ts), beyond the defaults: a 100-point sign-up bonus. */
export type ActionSpec = Partial<ActionFormValues> & { kind: ActionKind };

/** A way to earn saved through the admin's Ways to earn form; returns its id. */
export async function anAction(sandbox: Sandbox, shop: string, spec: ActionSpec): Promise<string> {
  const title = spec.title ?? `${spec.kind} ${unique()}`;
  const form = { ...actionFormValues(null, spec.kind), ...spec, title };
  const answer = await adminPost(sandbox, { shop, path: "/app/actions/new", routeId: "app.actions.$id" }, form);
  if (answer.status >= 400) throw new Error(`saving action ${title} answered ${answer.status}: ${await answer.text()}`);
  const { rows } = await sandbox.db.query<{ id: string }>(`SELECT id FROM "EarningAction" WHERE "shopDomain" = $1 AND title = $2`, [shop, title]);
  if (!rows[0]) throw new Error(`action ${title} was not saved`);
  return rows[0].id;
}

export type ExpirySpec = { policy: "inactivity" | "per_lot"; months: number; reminderDays: string };

/** Turns points expiry on through the settings form (the shop's current settings, with the expiry asked for). */
export async function anExpiryPolicy(sandbox: Sandbox, shop: string, expiry: ExpirySpec): Promise<void> {
  const page = { shop, path: "/app/settings", routeId: "app.settings" };
  const { program, currency } = await okJson<{ program: ProgramSettings; currency: string }>(await adminGet(sandbox, page), "the settings page");
  const form = Object.fromEntries(Object.entries(formValuesOf(program, currency)).map(([k, v]) => [k, typeof v === "boolean" ? (v ? "on" : "off") : v]));
  const saved = await adminPost(sandbox, page, {
    ...form,
    "expiry.enabled": "on",
    "expiry.policy": expiry.policy,
    "expiry.months": String(expiry.months),
    "expiry.reminderDays": expiry.reminderDays,
  });
  await okJson(saved, "saving the expiry settings");
}

export type ReferralProgramSpec = {
  referrerPoints?: number;
  friendRewardKind?: "amount_off" | "percent_off";
  friendRewardValue?: string;
  refundWindowDays?: number;
  enabled?: boolean;
};

/** Turns referrals on through the admin's referral settings form (500 points, $10 off, a 30-day window by default). */
export async function aReferralProgram(sandbox: Sandbox, shop: string, spec: ReferralProgramSpec = {}): Promise<void> {
  const answer = await adminPost(
    sandbox,
    { shop, path: "/app/referrals", routeId: "app.referrals" },
    {
      intent: "settings",
      enabled: spec.enabled === false ? "off" : "on",
      referrerPoints: String(spec.referrerPoints ?? 500),
      friendRewardKind: spec.friendRewardKind ?? "amount_off",
      friendRewardValue: spec.friendRewardValue ?? "10.00",
      refundWindowDays: String(spec.refundWindowDays ?? 30),
    },
  );
  await okJson(answer, "saving referral settings");
}
