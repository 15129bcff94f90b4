/** @jsxImportSource preact */
// customer-account.page.render: everything the member API offers a customer, on one page, and redeeming and
// cancelling codes through the same services as the storefront widget.
import "@shopify/ui-extensions/preact";
import { render } from "preact";
import { useCallback, useEffect, useState } from "preact/hooks";
import type { CancelResponse, MemberResponse, RedeemResponse, RedemptionItem, StorefrontReward } from "../../../app/members/contract";
import { callLoyalist, newIdempotencyKey } from "../../shared/loyalist-api";
import { hostLocale } from "../../shared/customer-account";
import { MemberSummary } from "../../shared/member-summary";
import { programTitle, wordsOf, type Words } from "../../shared/words";

export default async () => {
  render(<RewardsPage />, document.body);
};

/** Fields other capabilities add to the member answer; shown when present, never required. */
type Extras = {
  referral?: { code: string; url: string } | null;
  program: { actions?: { id: string; kind: string; points: number; name?: string }[] };
};

type Data = { member: MemberResponse & Extras; rewards: StorefrontReward[]; codes: RedemptionItem[] };
type Notice = { tone: "success" | "critical" | "info"; text: string } | null;

function RewardsPage() {
  const locale = hostLocale(shopify);
  const words = wordsOf(shopify.i18n, locale);
  const [data, setData] = useState<Data | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [notice, setNotice] = useState<Notice>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const fallback = { message: words.t("error") };
  const call = useCallback(
    async <T,>(path: string, init?: { method?: "GET" | "POST"; body?: unknown }) =>
      callLoyalist<T>(path, await shopify.sessionToken.get(), locale, fallback, init),
    [locale],
  );

  const load = useCallback(async () => {
    const [member, rewards, codes] = await Promise.all([
      call<MemberResponse & Extras>("/api/customer-account/member"),
      call<StorefrontReward[]>("/api/customer-account/rewards"),
      call<RedemptionItem[]>("/api/customer-account/redemptions"),
    ]);
    if (!member.ok) return setFailure(member.message);
    setData({ member: member.data, rewards: rewards.ok ? rewards.data : [], codes: codes.ok ? codes.data.filter((c) => c.cancellable) : [] });
  }, [call]);
  useEffect(() => void load(), [load]);

  async function redeem(reward: StorefrontReward) {
    setBusy(reward.id);
    const answer = await call<RedeemResponse>("/api/customer-account/redeem", {
      method: "POST",
      body: { rewardId: reward.id, idempotencyKey: newIdempotencyKey("account") },
    });
    setBusy(null);
    if (!answer.ok) return setNotice({ tone: "critical", text: answer.message });
    setNotice(answer.data.code ? { tone: "success", text: words.t("redeemed", { code: answer.data.code }) } : { tone: "info", text: words.t("reserved") });
    await load();
  }

  async function cancel(code: RedemptionItem) {
    setBusy(code.id);
    const answer = await call<CancelResponse>(`/api/customer-account/redemptions/${encodeURIComponent(code.id)}/cancel`, { method: "POST" });
    setBusy(null);
    if (!answer.ok) return setNotice({ tone: "critical", text: answer.message });
    setNotice({ tone: "success", text: words.t("code_cancelled", { points: words.points(answer.data.pointsReturned) }) });
    await load();
  }

  if (failure) {
    return (
      <s-page heading={words.t("title")}>
        <s-banner tone="critical">{failure}</s-banner>
      </s-page>
    );
  }
  if (!data) {
    return (
      <s-page heading={words.t("title")}>
        <s-spinner accessibilityLabel={words.t("loading")} />
      </s-page>
    );
  }
  const { member, rewards, codes } = data;
  return (
    <s-page heading={programTitle(member.program.name, words)}>
      <s-stack gap="base">
        {notice ? <s-banner tone={notice.tone}>{notice.text}</s-banner> : null}
        <s-section>{member.member ? <MemberSummary member={member} words={words} /> : <s-paragraph>{words.t("join")}</s-paragraph>}</s-section>
        <s-section heading={words.t("rewards")}>
          <RewardList rewards={rewards} words={words} busy={busy} onRedeem={redeem} balance={member.balance ?? 0} />
        </s-section>
        <s-section heading={words.t("codes")}>
          {codes.length ? (
            <s-stack gap="base">
              {codes.map((code) => (
                <s-stack key={code.id} direction="inline" gap="base" justifyContent="space-between" alignItems="center">
                  <s-stack gap="small-300">
                    <s-text type="strong">{code.code ?? code.rewardName}</s-text>
                    <s-text color="subdued">
                      {code.rewardName}
                      {code.expiresAt ? ` · ${words.t("expires", { date: words.date(code.expiresAt) })}` : ""}
                    </s-text>
                  </s-stack>
                  <s-button variant="secondary" loading={busy === code.id} onClick={() => void cancel(code)}>
                    {words.t("cancel_code")}
                  </s-button>
                </s-stack>
              ))}
            </s-stack>
          ) : (
            <s-text color="subdued">{words.t("codes_none")}</s-text>
          )}
        </s-section>
        <WaysToEarn member={member} words={words} />
        {member.referral ? (
          <s-section heading={words.t("referral")}>
            <s-stack gap="small-200">
              <s-paragraph>{words.t("referral_text")}</s-paragraph>
              <s-link href={member.referral.url}>{member.referral.url}</s-link>
            </s-stack>
          </s-section>
        ) : null}
        <s-section heading={words.t("history")}>
          {member.history?.length ? (
            <s-stack gap="small-200">
              {member.history.map((item) => (
                <s-stack key={item.id} direction="inline" gap="base" justifyContent="space-between">
                  <s-stack gap="small-500">
                    <s-text>{item.reason}</s-text>
                    <s-text color="subdued">{words.date(item.createdAt)}</s-text>
                  </s-stack>
                  <s-text type="strong">{signedPoints(words, item.points !== 0 ? item.points : item.pendingPoints)}</s-text>
                </s-stack>
              ))}
            </s-stack>
          ) : (
            <s-text color="subdued">{words.t("history_none")}</s-text>
          )}
        </s-section>
      </s-stack>
    </s-page>
  );
}

function RewardList(props: { rewards: StorefrontReward[]; words: Words; busy: string | null; balance: number; onRedeem: (reward: StorefrontReward) => void }) {
  const { rewards, words, busy, balance } = props;
  if (!rewards.length) return <s-text color="subdued">{words.t("rewards_none")}</s-text>;
  return (
    <s-stack gap="base">
      {rewards.map((reward) => (
        <s-stack key={reward.id} direction="inline" gap="base" justifyContent="space-between" alignItems="center">
          <s-stack gap="small-300">
            <s-text type="strong">{reward.name}</s-text>
            <s-text color="subdued">
              {words.points(reward.pointsCost)}
              {!reward.available
                ? ` · ${words.t("unavailable")}`
                : !reward.affordable
                  ? ` · ${words.t("need_more", { points: words.points(reward.pointsCost - balance) })}`
                  : ""}
            </s-text>
          </s-stack>
          <s-button
            variant="primary"
            disabled={!reward.available || !reward.affordable || reward.kind === "points_for_amount" || reward.kind === "donation"}
            loading={busy === reward.id}
            onClick={() => props.onRedeem(reward)}
          >
            {words.t("redeem")}
          </s-button>
        </s-stack>
      ))}
    </s-stack>
  );
}

function WaysToEarn({ member, words }: { member: Data["member"]; words: Words }) {
  const { earning, currency } = member.program;
  const actions = member.program.actions ?? [];
  return (
    <s-section heading={words.t("ways")}>
      <s-stack gap="small-200">
        <s-text>{words.t("earn_rule", { points: words.points(earning.pointsPerUnit), money: words.unitMoney(currency) })}</s-text>
        {earning.minimumOrderMinor > 0 ? (
          <s-text color="subdued">{words.t("earn_minimum", { money: words.money(earning.minimumOrderMinor, currency) })}</s-text>
        ) : null}
        {actions.map((action) => (
          <s-text key={action.id}>{`${action.name ?? action.kind} · ${words.points(action.points)}`}</s-text>
        ))}
      </s-stack>
    </s-section>
  );
}

/** "+25 points" for what came in, "-100 points" for what went out. */
function signedPoints(words: Words, points: number): string {
  return `${points > 0 ? "+" : ""}${words.points(points)}`;
}
