// What a mount shows, rebuilt from the store's state on every change: the guest's invitation, or the member's
// balance, tier, rewards (redeem with one confirm step), issued and active codes, ways to earn and history.
import { button, h } from "./dom";
import type { Format } from "./format";
import type { State, Store } from "./store";
import type { Config, Member, Redemption, Reward } from "./types";

export type Mode = "panel" | "account" | "cart";

/** What a view may ask of its mount: which element should hold focus after the next render. */
export type ViewContext = { mode: Mode; store: Store; f: Format; cfg: Config; focusNext(key: string): void };

/** The sentence for an error code (the locales name sentences after the app's codes) or a notice. */
export const message = (f: Format, code: string): string => f.t(f.has(code) ? code : "error");

const muted = (text: string) => h("p", { class: "lw-muted" }, text);
/** A secondary line under an item's name. */
const sub = (...text: string[]) => h("span", { class: "lw-muted lw-block" }, ...text);

/** Builds the content for the current state. */
export function view(ctx: ViewContext): Node[] {
  const { f, store } = ctx;
  const s = store.state;
  if (s.status === "error") {
    return [
      h("p", {}, message(f, s.error ?? "error")),
      button("retry", "", f.t("retry"), () => void store.load(true)),
    ];
  }
  if (s.status !== "ready" || !s.member) return [muted(f.t("loading"))];
  return s.member.customerId ? memberView(ctx, s, s.member) : guestView(ctx, s, s.member);
}

function guestView(ctx: ViewContext, s: State, member: Member): Node[] {
  const { f, cfg } = ctx;
  return [
    h("p", {}, f.t("guest_intro")),
    h(
      "p",
      { class: "lw-row" },
      h("a", { class: "lw-btn lw-primary", href: cfg.registerUrl }, f.t("join")),
      h("a", { class: "lw-btn", href: cfg.loginUrl }, f.t("sign_in")),
    ),
    ...waysToEarn(ctx, member),
    ...rewardsList(ctx, s, null),
  ];
}

function memberView(ctx: ViewContext, s: State, member: Member): Node[] {
  const { f, mode } = ctx;
  const balance = member.balance ?? 0;
  const tier = member.tier;
  const summary = h(
    "div",
    { class: "lw-card" },
    muted(f.t("balance")),
    h("p", { class: "lw-big" }, f.points(balance)),
    h(
      "ul",
      { class: "lw-meta" },
      member.pending ? h("li", {}, f.t("pending", { points: f.points(member.pending) })) : null,
      mode !== "cart" && member.lifetimeEarned ? h("li", {}, f.t("lifetime", { points: f.points(member.lifetimeEarned) })) : null,
      ...(member.expiring ?? []).map((e) => h("li", {}, f.t("expiring", { points: f.points(e.points), date: f.date(e.at) }))),
    ),
    tier ? h("p", {}, f.t("tier", { name: tier.name })) : null,
    tier?.nextName && tier.pointsToNext ? progress(100, Math.round((tier.progress ?? 0) * 100), f.t("tier_next", { points: f.points(tier.pointsToNext), name: tier.nextName })) : null,
  );
  return [
    summary,
    ...issuedCode(ctx, s),
    ...rewardsList(ctx, s, balance),
    ...codesList(ctx, s),
    ...(mode === "cart" ? [] : [...waysToEarn(ctx, member), ...history(ctx, member)]),
  ];
}

/** A progress bar labelled by the sentence shown under it. */
const progress = (max: number, value: number, label: string) => h("span", { class: "lw-need" }, h("progress", { max, value, "aria-label": label }), label);

function codeActions(ctx: ViewContext, code: string, key: string): HTMLElement {
  const { f, store } = ctx;
  const copy = () => {
    const done = () => store.set({ notice: "copied", noticeIsError: false });
    if (navigator.clipboard) navigator.clipboard.writeText(code).then(done, done);
    else done();
  };
  return h(
    "p",
    { class: "lw-row" },
    button(`copy-${key}`, "", f.t("copy"), copy, { "aria-label": `${f.t("copy")} ${code}` }),
    h("a", { class: "lw-btn lw-primary", href: `/discount/${encodeURIComponent(code)}?redirect=%2Fcart` }, f.t("apply")),
  );
}

function issuedCode(ctx: ViewContext, s: State): Node[] {
  const issued = s.issued;
  if (!issued?.code) return [];
  return [
    h(
      "div",
      { class: "lw-card lw-issued" },
      h("h3", { tabindex: -1, "data-k": "issued" }, ctx.f.t("redeemed")),
      h("p", { class: "lw-code" }, issued.code),
      issued.expiresAt ? muted(ctx.f.t("expires", { date: ctx.f.date(issued.expiresAt) })) : null,
      codeActions(ctx, issued.code, "issued"),
    ),
  ];
}

function rewardsList(ctx: ViewContext, s: State, balance: number | null): Node[] {
  const { f, store, mode } = ctx;
  const rewards = [...s.rewards].sort((a, b) => a.pointsCost - b.pointsCost);
  const affordable = (r: Reward) => balance !== null && (r.affordable ?? balance >= r.pointsCost);
  // The cart shows what can be used now and the next reward within reach.
  const shown = mode === "cart" ? rewards.filter((r, i) => affordable(r) || rewards.findIndex((x) => !affordable(x)) === i) : rewards;
  const item = (r: Reward) => {
    let action: Node | null = null;
    if (balance !== null && s.confirming === r.id) {
      action = h(
        "div",
        { class: "lw-confirm", role: "group", "aria-label": f.t("redeem_label", { name: r.name }) },
        h("p", {}, f.t("confirm_question", { points: f.points(r.pointsCost), name: r.name })),
        h(
          "p",
          { class: "lw-row" },
          button(`confirm-${r.id}`, "lw-primary", f.t("confirm"), () => {
            ctx.focusNext("issued");
            void store.redeem(r.id);
          }, { disabled: Boolean(s.busy) }),
          button(`back-${r.id}`, "", f.t("cancel"), () => {
            ctx.focusNext(`redeem-${r.id}`);
            store.set({ confirming: undefined });
          }),
        ),
      );
    } else if (affordable(r)) {
      action = button(`redeem-${r.id}`, "lw-primary", f.t("redeem"), () => {
        ctx.focusNext(`confirm-${r.id}`);
        store.set({ confirming: r.id, notice: undefined });
      }, { "aria-label": f.t("redeem_label", { name: r.name }) });
    } else if (balance !== null) {
      action = progress(r.pointsCost, balance, f.t("need_more", { points: f.points(r.pointsCost - balance) }));
    }
    return h(
      "li",
      { class: "lw-item" },
      h("span", { dir: "auto" }, h("strong", {}, r.name), r.description ? sub(r.description) : null),
      h("span", { class: "lw-cost" }, f.points(r.pointsCost)),
      action,
    );
  };
  return [h("h3", {}, f.t("rewards")), shown.length ? h("ul", { class: "lw-list" }, ...shown.map(item)) : muted(f.t("rewards_none"))];
}

function codesList(ctx: ViewContext, s: State): Node[] {
  const { f, store } = ctx;
  // Active: issued and not used, cancelled or expired (the app lists every redemption of the shopper).
  const codes = s.codes.filter((c): c is Redemption & { code: string } => Boolean(c.code) && (c.status ?? "issued") === "issued");
  const item = (c: Redemption & { code: string }) => {
    const id = c.redemptionId ?? c.id ?? "";
    return h(
      "li",
      { class: "lw-item" },
      h("span", { dir: "auto" }, h("span", { class: "lw-code" }, c.code), sub(c.reward?.name ?? c.rewardName ?? "", c.expiresAt ? ` · ${f.t("expires", { date: f.date(c.expiresAt) })}` : "")),
      codeActions(ctx, c.code, id),
      c.cancellable === false
        ? null
        : button(`cancel-${id}`, "lw-link", f.t("cancel_code", { code: c.code }), () => {
            ctx.focusNext("codes");
            void store.cancel(id);
          }, { disabled: Boolean(s.busy) }),
    );
  };
  return [
    h("h3", { tabindex: -1, "data-k": "codes" }, f.t("codes")),
    codes.length ? h("ul", { class: "lw-list" }, ...codes.map(item)) : muted(f.t("codes_none")),
  ];
}

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
              h("span", { dir: "auto" }, e.reason, sub(f.date(e.createdAt))),
              h("span", { class: e.points < 0 ? "lw-neg" : "lw-pos" }, signed.format(e.points || e.pendingPoints || 0)),
            ),
          ),
        )
      : muted(f.t("history_none")),
  ];
}
