// A record's status as a Polaris badge, one tone per status for every admin list (redemptions, fulfilment,
// referrals, a member's page): the same status looks the same wherever staff meet it.
import { Badge, type BadgeProps } from "@shopify/polaris";
import type { RedemptionStatus } from "~/rewards/rewards";
import type { FulfilmentStatus } from "~/rewards/fulfilment";
import type { ReferralStatus } from "~/referrals/referrals";
import { t } from "~/platform/i18n";

type Tone = BadgeProps["tone"];

// Waiting on someone: attention. Done and good: success. Over without harm: info. Went wrong: critical.
const TONES = {
  redemption: { reserved: "attention", issued: "success", used: "info", cancelled: "info", expired: undefined, failed: "critical" },
  fulfilment: { open: "attention", completed: "success", cancelled: "info" },
  referral: { held: "attention", issued: "success", pending: "attention", completed: "success", void: undefined, rejected: "critical", failed: "critical" },
} satisfies {
  redemption: Record<RedemptionStatus, Tone>;
  fulfilment: Record<FulfilmentStatus, Tone>;
  referral: Record<ReferralStatus, Tone>;
};

const LABEL_PREFIX = { redemption: "redemptions.status", fulfilment: "fulfilment.status", referral: "referrals.status" } as const;

type Kind = keyof typeof TONES;
type StatusOf<K extends Kind> = keyof (typeof TONES)[K] & string;

/** The tone a status is shown with (exported for tests and for lists that style rows by it). */
export function statusTone<K extends Kind>(kind: K, status: StatusOf<K> | string): Tone {
  return (TONES[kind] as Record<string, Tone>)[status];
}

export function StatusBadge<K extends Kind>({ kind, status }: { kind: K; status: StatusOf<K> | string }) {
  return <Badge tone={statusTone(kind, status)}>{t(`${LABEL_PREFIX[kind]}.${status}`)}</Badge>;
}
