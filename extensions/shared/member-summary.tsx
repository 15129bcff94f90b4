/** @jsxImportSource preact */
// The member's standing in any surface: balance, pending points, tier with progress to the next, points expiring.
// Tier and expiring are rendered when the member API offers them, and simply left out when it does not.
import type { MemberResponse } from "../../app/members/contract";
import type { Words } from "./words";
import { tierNextText } from "./tier-next";

export function MemberSummary({ member, words }: { member: MemberResponse; words: Words }) {
  const { t, points } = words;
  const tier = member.tier ?? null;
  const next = tier?.progress.next ?? null;
  const expiring = (member.expiring ?? [])[0];
  return (
    <s-stack gap="small-200">
      <s-text type="strong">{t("balance")}</s-text>
      <s-heading>{points(member.balance ?? 0)}</s-heading>
      {member.pending ? <s-text color="subdued">{t("pending", { points: points(member.pending) })}</s-text> : null}
      {tier ? (
        <s-stack gap="small-300">
          <s-stack direction="inline" gap="small-300" alignItems="center">
            <s-text>{t("tier")}</s-text>
            <s-badge tone="neutral">{tier.name}</s-badge>
          </s-stack>
          {next ? (
            <s-stack gap="small-300">
              <s-progress value={Math.min(tier.progress.current, next.threshold)} max={next.threshold} accessibilityLabel={t("tier_progress")} />
              <s-text color="subdued">{tierNextText(tier.progress, member.program.currency, words)}</s-text>
            </s-stack>
          ) : (
            <s-text color="subdued">{t("tier_top")}</s-text>
          )}
        </s-stack>
      ) : null}
      {expiring ? <s-text tone="warning">{t("expiring", { points: points(expiring.points), date: words.date(expiring.at) })}</s-text> : null}
    </s-stack>
  );
}
