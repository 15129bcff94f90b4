/** @jsxImportSource preact */
// pos.customer-details.block.render: the customer's points, tier and what they can redeem, at a glance.
import "@shopify/ui-extensions/preact";
import { render } from "preact";
import { useEffect, useState } from "preact/hooks";
import type { PosCustomerResponse } from "../../../app/members/contract";
import type { ApiResult } from "../../shared/loyalist-api";
import { posOf } from "./pos-host";

export default async () => {
  render(<CustomerBlock />, document.body);
};

function CustomerBlock() {
  const { words, call } = posOf(shopify);
  const [answer, setAnswer] = useState<ApiResult<PosCustomerResponse> | null>(null);
  useEffect(() => void call<PosCustomerResponse>(`/api/pos/customers/${shopify.customer.id}`).then(setAnswer), []);

  if (!answer) {
    return (
      <s-pos-block heading={words.t("pos_title")}>
        <s-text>{words.t("loading")}</s-text>
      </s-pos-block>
    );
  }
  if (!answer.ok) {
    return (
      <s-pos-block heading={words.t("pos_title")}>
        <s-text tone="critical">{answer.message}</s-text>
      </s-pos-block>
    );
  }
  const { member, rewards, nextReward } = answer.data;
  const redeemable = rewards.filter((r) => r.available && r.affordable);
  return (
    <s-pos-block heading={words.t("pos_title")}>
      <s-stack direction="block" gap="small">
        <s-text type="strong">{words.points(member.balance ?? 0)}</s-text>
        {member.pending ? <s-text>{words.t("pending", { points: words.points(member.pending) })}</s-text> : null}
        {member.tier ? <s-badge tone="neutral">{`${words.t("tier")}: ${member.tier.name}`}</s-badge> : null}
        {!member.member ? <s-text>{words.t("pos_not_member")}</s-text> : null}
        {redeemable.map((reward) => (
          <s-text key={reward.id}>{`${reward.name} · ${words.points(reward.pointsCost)}`}</s-text>
        ))}
        {!redeemable.length && nextReward ? (
          <s-text>{words.t("nudge_more", { points: words.points(nextReward.pointsNeeded), name: nextReward.name })}</s-text>
        ) : null}
        <s-button onClick={() => shopify.action.presentModal()}>{words.t("pos_open")}</s-button>
      </s-stack>
    </s-pos-block>
  );
}
