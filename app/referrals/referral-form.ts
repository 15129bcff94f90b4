// The referral settings form: flat fields as the browser posts them to ReferralSettings, validated once here for
// the admin page and its action. The friend's amount is money in the shop's currency (money-form.ts).
import { z } from "zod";
import { fieldErrorsFromZod, type FieldErrors } from "~/platform/form-errors";
import { moneyFieldValue, parseMoneyField } from "~/platform/money-form";
import { t } from "~/platform/i18n";
import type { FriendReward } from "~/referrals/referrals";

export type ReferralSettingsInput = { enabled: boolean; referrerPoints: number; friendReward: FriendReward; refundWindowDays: number };

const formSchema = z
  .object({
    intent: z.literal("settings"),
    enabled: z.enum(["on", "off"]).optional(),
    referrerPoints: z.coerce.number().int().min(1).max(1_000_000),
    friendRewardKind: z.enum(["amount_off", "percent_off"]),
    friendRewardValue: z.string().trim().min(1),
    refundWindowDays: z.coerce.number().int().min(0).max(365),
  })
  .strict();

/** The settings a form describes, or its field errors. */
export function referralSettingsFromForm(
  form: Record<string, string>,
  currency: string,
): { ok: true; settings: ReferralSettingsInput } | { ok: false; fieldErrors: FieldErrors } {
  const parsed = formSchema.safeParse(form);
  if (!parsed.success) return { ok: false, fieldErrors: fieldErrorsFromZod(parsed.error) };
  const { friendRewardKind, friendRewardValue } = parsed.data;
  let friendReward: FriendReward;
  if (friendRewardKind === "amount_off") {
    const money = parseMoneyField(friendRewardValue, currency);
    if (!money.ok) return { ok: false, fieldErrors: { friendRewardValue: money.message } };
    if (money.minor <= 0) return { ok: false, fieldErrors: { friendRewardValue: t("referrals.amountPositive") } };
    friendReward = { kind: "amount_off", valueMinor: money.minor };
  } else {
    const percent = Number(friendRewardValue);
    if (!Number.isInteger(percent) || percent < 1 || percent > 100) return { ok: false, fieldErrors: { friendRewardValue: t("referrals.percentRange") } };
    friendReward = { kind: "percent_off", percent };
  }
  return {
    ok: true,
    settings: {
      enabled: parsed.data.enabled === "on",
      referrerPoints: parsed.data.referrerPoints,
      friendReward,
      refundWindowDays: parsed.data.refundWindowDays,
    },
  };
}

/** The form's field values for saved settings. */
export function referralFormValues(settings: ReferralSettingsInput, currency: string): Record<string, string> {
  return {
    enabled: settings.enabled ? "on" : "off",
    referrerPoints: String(settings.referrerPoints),
    friendRewardKind: settings.friendReward.kind,
    friendRewardValue:
      settings.friendReward.kind === "amount_off" ? moneyFieldValue(settings.friendReward.valueMinor, currency) : String(settings.friendReward.percent),
    refundWindowDays: String(settings.refundWindowDays),
  };
}
