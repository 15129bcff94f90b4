// Which program changes affect members (and so may deserve a message to them). Pure: shared by the
// settings page (to offer the notification) and the server (to record the intent).
import type { ProgramSettings } from "~/program/program";

export type MemberImpact =
  "program_off" | "lower_rate" | "higher_minimum" | "later_award" | "longer_pending" | "more_exclusions" | "expiry_on" | "shorter_expiry";

const grew = (before: string[], after: string[]) => after.some((v) => !before.includes(v));

/** The ways a change makes the program less generous or changes what members see; empty when none. */
export function memberImpact(before: ProgramSettings, after: ProgramSettings): MemberImpact[] {
  const impact: MemberImpact[] = [];
  const b = before.earning;
  const a = after.earning;
  if (before.enabled && !after.enabled) impact.push("program_off");
  if (a.pointsPerUnit < b.pointsPerUnit) impact.push("lower_rate");
  if (a.minimumOrderMinor > b.minimumOrderMinor) impact.push("higher_minimum");
  if (b.awardOn === "paid" && a.awardOn === "fulfilled") impact.push("later_award");
  if (a.pendingDays > b.pendingDays) impact.push("longer_pending");
  if (
    grew(b.excludedProductIds, a.excludedProductIds) ||
    grew(b.excludedCollectionIds, a.excludedCollectionIds) ||
    grew(b.excludedProductTags, a.excludedProductTags) ||
    grew(b.excludedSalesChannels, a.excludedSalesChannels)
  ) {
    impact.push("more_exclusions");
  }
  if (!before.expiry.enabled && after.expiry.enabled) impact.push("expiry_on");
  else if (
    before.expiry.enabled &&
    after.expiry.enabled &&
    (after.expiry.months < before.expiry.months || (before.expiry.policy === "inactivity" && after.expiry.policy === "per_lot"))
  ) {
    impact.push("shorter_expiry");
  }
  return impact;
}
