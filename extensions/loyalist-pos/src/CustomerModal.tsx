/** @jsxImportSource preact */
// pos.customer-details.action.render: staff redeem a reward onto the cart as a code (usable here or online), take an
// unused code back (the points return once), and adjust the balance with a reason, recorded as them.
import "@shopify/ui-extensions/preact";
import { render } from "preact";
import { useCallback, useEffect, useState } from "preact/hooks";
import type {
  CancelResponse,
  PosAdjustmentResponse,
  PosCustomerResponse,
  RedeemResponse,
  RedemptionItem,
  StorefrontReward,
} from "../../../app/members/contract";
import { newIdempotencyKey } from "../../shared/loyalist-api";
import { posOf } from "./pos-host";

export default async () => {
  render(<CustomerModal />, document.body);
};

const REASONS = ["goodwill", "service_recovery", "correction", "missing_points"] as const;

function CustomerModal() {
  const { words, call } = posOf(shopify);
  const customerPath = `/api/pos/customers/${shopify.customer.id}`;
  const [data, setData] = useState<PosCustomerResponse | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [points, setPoints] = useState("");
  const [reason, setReason] = useState<(typeof REASONS)[number]>("goodwill");

  const load = useCallback(async () => {
    const answer = await call<PosCustomerResponse>(customerPath);
    if (answer.ok) setData(answer.data);
    else setMessage(answer.message);
  }, [customerPath]);
  useEffect(() => void load(), [load]);

  async function redeem(reward: StorefrontReward) {
    setBusy(reward.id);
    const answer = await call<RedeemResponse>(`${customerPath}/redeem`, {
      method: "POST",
      body: { rewardId: reward.id, idempotencyKey: newIdempotencyKey("pos") },
    });
    if (answer.ok && answer.data.code) {
      await shopify.cart.addCartCodeDiscount(answer.data.code);
      shopify.toast.show(words.t("pos_applied", { code: answer.data.code }));
    } else if (!answer.ok) setMessage(answer.message);
    setBusy(null);
    await load();
  }

  async function takeBack(code: RedemptionItem) {
    setBusy(code.id);
    const answer = await call<CancelResponse>(`${customerPath}/redemptions/${encodeURIComponent(code.id)}/cancel`, { method: "POST" });
    if (answer.ok) {
      await shopify.cart.removeCartDiscount();
      shopify.toast.show(words.t("pos_returned", { points: words.points(answer.data.pointsReturned) }));
    } else setMessage(answer.message);
    setBusy(null);
    await load();
  }

  async function adjust(direction: "add" | "remove") {
    setBusy(direction);
    const answer = await call<PosAdjustmentResponse>(`${customerPath}/adjustments`, {
      method: "POST",
      body: { direction, points: Number(points), reason, submissionId: newIdempotencyKey("pos") },
    });
    if (answer.ok) {
      shopify.toast.show(words.t("pos_adjusted", { points: words.points(answer.data.balance) }));
      setPoints("");
    } else setMessage(answer.message);
    setBusy(null);
    await load();
  }

  return (
    <s-page heading={words.t("pos_title")}>
      <s-scroll-box>
        <s-stack direction="block" gap="base">
          {message ? <s-banner heading={message} tone="critical" /> : null}
          {!data ? (
            <s-text>{words.t("loading")}</s-text>
          ) : (
            <s-stack direction="block" gap="base">
              <s-section heading={words.points(data.member.balance ?? 0)}>
                <s-stack direction="block" gap="small">
                  {data.member.tier ? <s-text>{`${words.t("tier")}: ${data.member.tier.name}`}</s-text> : null}
                  {!data.member.member ? <s-text>{words.t("pos_not_member")}</s-text> : null}
                </s-stack>
              </s-section>
              <s-section heading={words.t("pos_redeem_title")}>
                <s-stack direction="block" gap="small">
                  {data.rewards.length ? null : <s-text>{words.t("rewards_none")}</s-text>}
                  {data.rewards.map((reward) => (
                    <s-button
                      key={reward.id}
                      variant="primary"
                      disabled={!reward.available || !reward.affordable || reward.kind === "points_for_amount" || reward.kind === "donation" || busy !== null}
                      onClick={() => void redeem(reward)}
                    >
                      {`${words.t("redeem")} ${reward.name} · ${words.points(reward.pointsCost)}`}
                    </s-button>
                  ))}
                </s-stack>
              </s-section>
              {data.codes.length ? (
                <s-section heading={words.t("pos_codes")}>
                  <s-stack direction="block" gap="small">
                    {data.codes.map((code) => (
                      <s-stack key={code.id} direction="block" gap="small">
                        <s-text type="strong">{`${code.code ?? ""} · ${code.rewardName}`}</s-text>
                        <s-button tone="critical" disabled={busy !== null} onClick={() => void takeBack(code)}>
                          {words.t("pos_take_back")}
                        </s-button>
                      </s-stack>
                    ))}
                  </s-stack>
                </s-section>
              ) : null}
              {data.member.member ? (
                <s-section heading={words.t("pos_adjust")}>
                  <s-stack direction="block" gap="small">
                    <s-number-field label={words.t("pos_points")} value={points} min={1} onInput={(event) => setPoints(event.currentTarget.value ?? "")} />
                    <s-text>{words.t("pos_reason")}</s-text>
                    <s-choice-list
                      values={[reason]}
                      onChange={(event) => setReason((event.currentTarget.values?.[0] as (typeof REASONS)[number]) ?? "goodwill")}
                    >
                      {REASONS.map((r) => (
                        <s-choice key={r} value={r}>
                          {words.t(`reason_${r}`)}
                        </s-choice>
                      ))}
                    </s-choice-list>
                    <s-stack direction="inline" gap="small">
                      <s-button disabled={!Number(points) || busy !== null} onClick={() => void adjust("add")}>
                        {words.t("pos_add")}
                      </s-button>
                      <s-button disabled={!Number(points) || busy !== null} onClick={() => void adjust("remove")}>
                        {words.t("pos_remove")}
                      </s-button>
                    </s-stack>
                  </s-stack>
                </s-section>
              ) : null}
            </s-stack>
          )}
        </s-stack>
      </s-scroll-box>
    </s-page>
  );
}
