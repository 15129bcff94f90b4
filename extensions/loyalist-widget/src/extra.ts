// Loyalist storefront widget, third script: loaded beside app.ts (each stays under theme check's 10,000-byte cap
// per script). It draws the parts of the member view that are not about spending points: "for you" offers and
// the win-back survey, ways to earn, the referral card, a referred friend's claim form and the points history.
import { boot } from "./boot";
import { actionsList } from "./earn";
import type { Format } from "./format";
import type { State } from "./store";
import type { ForYouOffer, Member, Program } from "./types";
import { button, codeActions, h, muted, note } from "./lib";
import type { ViewContext } from "./ui";

function waysToEarn(ctx: ViewContext, member: Member): Node[] {
  const { f } = ctx;
  const earning = member.program.earning;
  return [
    h("h3", {}, f.t("ways")),
    h(
      "ul",
      { class: "lw-meta" },
      h("li", {}, f.t("earn_rule", { points: f.points(earning.pointsPerUnit), money: f.money(10 ** f.digits) })),
      earning.minimumOrderMinor > 0 ? h("li", {}, f.t("earn_min", { money: f.money(earning.minimumOrderMinor) })) : null,
      h("li", {}, f.t(earning.awardOn === "fulfilled" ? "earn_fulfilled" : "earn_paid")),
      earning.pendingDays > 0 ? h("li", {}, f.t("earn_pending", { days: f.num(earning.pendingDays) })) : null,
    ),
    ...actionsList(ctx, Boolean(member.customerId)),
  ];
}

function history(ctx: ViewContext, member: Member): Node[] {
  const { f } = ctx;
  const items = member.history ?? [];
  const signed = new Intl.NumberFormat(f.locale, { signDisplay: "exceptZero" });
  return [
    h("h3", {}, f.t("history")),
    items.length
      ? h(
          "ol",
          { class: "lw-list lw-history" },
          ...items.map((e) =>
            h(
              "li",
              { class: "lw-item" },
              h("span", {}, h("bdi", {}, e.reason), h("bdi", { class: "lw-muted lw-block" }, f.date(e.createdAt))),
              h("span", { class: e.points < 0 ? "lw-neg" : "lw-pos" }, signed.format(e.points || e.pendingPoints || 0)),
            ),
          ),
        )
      : muted(f.t("history_none")),
  ];
}

/** The friend's reward in words: an amount in the shop's currency or a percentage, in the shopper's locale. */
function rewardWords(f: Format, offer: NonNullable<Program["referral"]>): string {
  const reward = offer.friendReward;
  return reward.kind === "amount_off" ? f.money(reward.valueMinor) : new Intl.NumberFormat(f.locale, { style: "percent" }).format(reward.percent / 100);
}

/** The member's referral link with share buttons: copy, email, WhatsApp, X and Facebook. */
function referralCard(ctx: ViewContext, s: State): Node[] {
  const { f, store } = ctx;
  const { referral, offer } = s;
  if (!referral || !offer) return [];
  const reward = rewardWords(f, offer);
  const text = f.t("referral_message", { reward, url: referral.url });
  const copy = () => {
    const done = () => store.set({ notice: "referral_copied", noticeAt: "referral-copy", noticeIsError: false });
    if (navigator.clipboard) navigator.clipboard.writeText(referral.url).then(done, done);
    else done();
  };
  const share = (key: string, href: string) =>
    h("a", { class: "lw-btn", href, target: "_blank", rel: "noopener noreferrer", "data-k": `share-${key}` }, f.t(`referral_share_${key}`));
  const q = encodeURIComponent;
  return [
    h(
      "div",
      { class: "lw-card lw-referral" },
      h("h3", {}, f.t("referral_title")),
      h("p", {}, f.t("referral_offer", { reward, points: f.points(offer.referrerPoints) })),
      h("p", { class: "lw-code", dir: "ltr" }, h("bdi", {}, referral.url)),
      h(
        "p",
        { class: "lw-row lw-share" },
        button("referral-copy", "lw-primary", f.t("referral_copy"), copy),
        share("email", `mailto:?subject=${q(f.t("referral_email_subject"))}&body=${q(text)}`),
        share("whatsapp", `https://wa.me/?text=${q(text)}`),
        share("x", `https://x.com/intent/post?text=${q(text)}`),
        share("facebook", `https://www.facebook.com/sharer/sharer.php?u=${q(referral.url)}`),
      ),
      note(ctx, "referral-copy"),
    ),
  ];
}

/** A referred guest's offer: their email for a first-order code, then the code to apply. */
function claimCard(ctx: ViewContext, s: State): Node[] {
  const { f, store } = ctx;
  if (!s.refCode || !s.offer) return [];
  const reward = rewardWords(f, s.offer);
  if (s.claimed) {
    return [
      h(
        "div",
        { class: "lw-card lw-issued" },
        h("h3", { tabindex: -1, "data-k": "claimed" }, f.t("referral_claim_done", { code: s.claimed })),
        ...codeActions(ctx, s.claimed, "claimed"),
      ),
    ];
  }
  const input = h("input", {
    type: "email",
    name: "email",
    required: true,
    autocomplete: "email",
    id: "lw-ref-email",
    "data-k": "ref-email",
  }) as HTMLInputElement;
  const form = h(
    "form",
    { class: "lw-card lw-referral" },
    h("h3", {}, f.t("referral_claim_title")),
    h("p", {}, f.t("referral_claim_offer", { reward })),
    h("label", { for: "lw-ref-email", class: "lw-block" }, f.t("referral_claim_email")),
    input,
    h(
      "p",
      { class: "lw-row" },
      h("button", { type: "submit", class: "lw-btn lw-primary", "data-k": "ref-claim", disabled: Boolean(s.busy) }, f.t("referral_claim_button")),
    ),
    note(ctx, "ref-claim"),
  );
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    ctx.focusNext("claimed");
    void store.claim(input.value.trim());
  });
  return [form];
}

/** One personalised offer in the shopper's words. */
function offerText(f: Format, o: ForYouOffer): string {
  if (o.kind === "new_category") return f.t("for_you_category", { category: o.category });
  if (o.kind === "cross_sell") return f.t("for_you_cross_sell", { title: o.title, bought: o.boughtTitle });
  return f.t("for_you_reward", { points: f.points(o.pointsNeeded), name: o.rewardName });
}

/** "For you": the member's offers, and the "why did you stop?" survey after a win-back offer. */
function forYou(ctx: ViewContext, s: State): Node[] {
  const { f, store } = ctx;
  const data = s.forYou;
  const thanks = note(ctx, "for-you");
  if (!data || (!data.offers.length && !data.winback && !thanks)) return [];
  const survey = data.winback;
  let form: Node | null = null;
  if (survey) {
    const reason = h(
      "select",
      { class: "lw-input", id: "lw-wb-reason", "data-k": "wb-reason", required: true },
      h("option", { value: "" }, "—"),
      ...survey.reasons.map((r) => h("option", { value: r }, f.t(`winback_reason_${r}`))),
    ) as HTMLSelectElement;
    const comment = h("textarea", { class: "lw-input", id: "lw-wb-comment", "data-k": "wb-comment", maxlength: 500, rows: 2 }) as HTMLTextAreaElement;
    reason.value = store.drafts["wb-reason"] ?? "";
    comment.value = store.drafts["wb-comment"] ?? "";
    reason.addEventListener("change", () => (store.drafts["wb-reason"] = reason.value));
    comment.addEventListener("input", () => (store.drafts["wb-comment"] = comment.value));
    form = h(
      "form",
      { class: "lw-card lw-survey", "aria-labelledby": "lw-wb-title" },
      h("h4", { id: "lw-wb-title" }, f.t("winback_title")),
      h("p", {}, f.t("winback_intro")),
      h("label", { for: "lw-wb-reason", class: "lw-block" }, f.t("winback_question")),
      reason,
      h("label", { for: "lw-wb-comment", class: "lw-block" }, f.t("winback_comment")),
      comment,
      h(
        "p",
        { class: "lw-row" },
        h("button", { type: "submit", class: "lw-btn lw-primary", "data-k": "winback", disabled: Boolean(s.busy) }, f.t("winback_send")),
      ),
      note(ctx, "winback"),
    );
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      ctx.focusNext("for-you");
      void store.answerWinback({ reason: reason.value, ...(comment.value.trim() ? { comment: comment.value.trim() } : {}) });
    });
  }
  return [
    h("h3", { tabindex: -1, "data-k": "for-you" }, f.t("for_you")),
    thanks,
    form,
    data.offers.length
      ? h(
          "ul",
          { class: "lw-list lw-offers" },
          ...data.offers.map((o) => h("li", { class: "lw-item", "data-offer": o.kind }, h("span", { dir: "auto" }, offerText(f, o)))),
        )
      : null,
  ].filter((n): n is Node => n !== null);
}

const b = boot();
if (b) {
  b.parts = { claimCard, forYou, referralCard, waysToEarn, history };
  b.ready?.();
}
