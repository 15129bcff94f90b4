/** @jsxImportSource preact */
// "You earned N points on this order": the block the thank-you and order-status targets share. The order may reach
// Loyalist a moment after the thank-you page opens, so an order not yet recorded is asked for again a few times.
import { useEffect, useState } from "preact/hooks";
import type { OrderPointsResponse } from "../../app/members/contract";
import { callLoyalist, type ApiResult } from "./loyalist-api";
import type { Words } from "./words";
import { tierNextText } from "./tier-next";

const RETRIES = 5;
const RETRY_MS = 3000;

export function OrderPoints(props: { path: string | null; signedIn: boolean; token: () => Promise<string>; locale: string; words: Words }) {
  const { words } = props;
  const [answer, setAnswer] = useState<ApiResult<OrderPointsResponse> | null>(null);
  useEffect(() => {
    if (!props.path || !props.signedIn) return;
    let tries = 0;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const ask = async () => {
      const result = await callLoyalist<OrderPointsResponse>(props.path!, await props.token(), props.locale, { message: words.t("error") });
      setAnswer(result);
      if (result.ok && !result.data.recorded && ++tries < RETRIES) timer = setTimeout(() => void ask(), RETRY_MS);
    };
    void ask();
    return () => clearTimeout(timer);
  }, [props.path, props.signedIn]);

  if (!props.signedIn) {
    return (
      <s-section heading={words.t("order_title")}>
        <s-text>{words.t("join_order")}</s-text>
      </s-section>
    );
  }
  if (!answer) {
    return (
      <s-section heading={words.t("order_title")}>
        <s-spinner accessibilityLabel={words.t("loading")} />
      </s-section>
    );
  }
  if (!answer.ok) {
    return (
      <s-section heading={words.t("order_title")}>
        <s-text>{answer.message}</s-text>
      </s-section>
    );
  }
  const order = answer.data;
  const nudge = order.nextReward;
  return (
    <s-section heading={words.t("order_title")}>
      <s-stack gap="small-200">
        {!order.recorded ? (
          <s-text>{words.t("order_waiting")}</s-text>
        ) : order.points > 0 || order.pendingPoints > 0 ? (
          <s-stack gap="small-300">
            {order.points > 0 ? <s-heading>{words.t("order_earned", { points: words.points(order.points) })}</s-heading> : null}
            {order.pendingPoints > 0 ? <s-text>{words.t("order_pending", { points: words.points(order.pendingPoints) })}</s-text> : null}
          </s-stack>
        ) : (
          <s-text>{words.t("order_none")}</s-text>
        )}
        <s-text color="subdued">{words.t("order_balance", { points: words.points(order.balance) })}</s-text>
        {order.tier?.name ? <s-text>{words.t("order_tier", { name: order.tier.name })}</s-text> : null}
        {order.tier ? <s-text color="subdued">{tierNextText(order.tier.progress, order.tier.currency, words) ?? words.t("tier_top")}</s-text> : null}
        {nudge ? (
          <s-text>
            {nudge.pointsNeeded === 0
              ? words.t("nudge_ready", { name: nudge.name })
              : words.t("nudge_more", { points: words.points(nudge.pointsNeeded), name: nudge.name })}
          </s-text>
        ) : null}
      </s-stack>
    </s-section>
  );
}
