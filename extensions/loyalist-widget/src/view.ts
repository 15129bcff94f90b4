// What a mount shows, rebuilt from the store's state on every change: the guest's invitation, or the member's
// balance (and what it is worth), tier, rewards (redeem with one confirm step, the conditions and whether the
// cart meets them said first, the code shown where it was asked for), and active codes (cancel with a confirm
// step). The other parts (for you, ways to earn, referral, history) come from the third script (extra.ts).
// This is loyalist-view.js: run after loyalist-app.js, whose builders it borrows (lib.ts).
import { boot } from "./boot";
import type { Format } from "./format";
import { button, codeActions, h, message, muted, note, progress, sub } from "./lib";
import type { State } from "./store";
import type { Member, Redemption, Reward, TierProgress } from "./types";
import type { ViewContext } from "./ui";

/** Builds the content for the current state. */
function view(ctx: ViewContext): Node[] {
  const { f, store } = ctx;
  const s = store.state;
  if (s.status === "error") {
    return [h("p", {}, message(f, s.error ?? "error")), button("retry", "", f.t("retry"), () => void store.load(true))];
  }
  if (s.status !== "ready" || !s.member) return [muted(f.t("loading"))];
  return s.member.customerId ? memberView(ctx, s, s.member) : guestView(ctx, s, s.member);
}

function guestView(ctx: ViewContext, s: State, member: Member): Node[] {
  const { f, cfg } = ctx;
  const parts = boot()?.parts;
  return [
    ...(parts?.claimCard(ctx, s) ?? []),
    h("p", {}, f.t("guest_intro")),
    h(
      "p",
      { class: "lw-row" },
      h("a", { class: "lw-btn lw-primary", href: cfg.registerUrl }, f.t("join")),
      h("a", { class: "lw-btn", href: cfg.loginUrl }, f.t("sign_in")),
    ),
    ...(parts?.waysToEarn(ctx, member) ?? []),
    ...rewardsList(ctx, s, null),
  ];
}

function memberView(ctx: ViewContext, s: State, member: Member): Node[] {
  const { f, mode } = ctx;
  const parts = boot()?.parts;
  const balance = member.balance ?? 0;
  const tier = member.tier;
  const value = member.balanceValueMinor;
  const summary = h(
    "div",
    { class: "lw-card" },
    muted(f.t("balance")),
    h("p", { class: "lw-big" }, f.points(balance)),
    value != null && balance > 0 ? h("p", { class: "lw-worth" }, f.t("balance_worth", { money: f.money(value) })) : null,
    h(
      "ul",
      { class: "lw-meta" },
      member.pending ? h("li", {}, f.t("pending", { points: f.points(member.pending) })) : null,
      mode !== "cart" && member.lifetimeEarned ? h("li", {}, f.t("lifetime", { points: f.points(member.lifetimeEarned) })) : null,
      ...(member.expiring ?? []).map((e) => h("li", {}, f.t("expiring", { points: f.points(e.points), date: f.date(e.at) }))),
    ),
    tier ? h("p", {}, f.t("tier", { name: tier.name })) : null,
    tierProgress(f, tier?.progress ?? member.tierProgress),
  );
  const more =
    mode === "cart" || !parts ? [] : [...parts.forYou(ctx, s), ...parts.referralCard(ctx, s), ...parts.waysToEarn(ctx, member), ...parts.history(ctx, member)];
  return [summary, ...rewardsList(ctx, s, balance), ...codesList(ctx, s), ...more];
}

/** How far the member is from the next tier, in the tier's measure: "$120.00 more to Gold", points, or orders. */
function tierProgress(f: Format, p: TierProgress | null | undefined): Node | null {
  const next = p?.next;
  if (!p || !next || next.threshold <= p.current) return null;
  const gap = next.threshold - p.current;
  const key = p.measure === "points" ? "tier_next" : `tier_next_${p.measure}`;
  return progress(next.threshold, p.current, f.t(key, { points: f.points(gap), money: f.money(gap), n: f.num(gap), name: next.name }));
}

/** The code just issued, shown in the reward it came from (a reserved one says so in the reward's notice until then). */
function issuedCode(ctx: ViewContext, s: State): Node | null {
  const { f } = ctx;
  const issued = s.issued;
  if (!issued?.code) return null;
  return h(
    "div",
    { class: "lw-card lw-issued" },
    h("h3", { tabindex: -1, "data-k": "issued" }, f.t("redeemed")),
    h("p", { class: "lw-code" }, issued.code),
    issued.expiresAt ? muted(f.t("expires", { date: f.date(issued.expiresAt) })) : null,
    ...codeActions(ctx, issued.code, "issued"),
  );
}

/** What the reward's code asks of the order, and, when the cart does not meet it, why (said before redeeming). */
function conditions(f: Format, r: Reward): Node[] {
  const c = r.conditions;
  const out: Node[] = [];
  if (c?.minimumSubtotalMinor) out.push(sub(f.t("reward_min_order", { money: f.money(c.minimumSubtotalMinor) })));
  if (c?.collectionId) out.push(sub(c.collectionTitle ? f.t("reward_collection", { name: c.collectionTitle }) : f.t("reward_collection_some")));
  const cart = r.cart;
  if (cart && !cart.qualifies) {
    const why = cart.reason === "minimum_order" ? f.t("cart_short", { money: f.money(cart.shortMinor) }) : f.t("cart_no_collection");
    out.push(h("span", { class: "lw-warn lw-block" }, why));
  }
  return out;
}

function rewardsList(ctx: ViewContext, s: State, balance: number | null): Node[] {
  const { f, store, mode } = ctx;
  const rewards = [...s.rewards].sort((a, b) => a.pointsCost - b.pointsCost);
  const affordable = (r: Reward) => balance !== null && (r.affordable ?? balance >= r.pointsCost);
  // The cart shows what can be used now and the next reward within reach.
  const shown =
    mode === "cart" ? rewards.filter((r, i) => affordable(r) || rewards.findIndex((x) => !affordable(x)) === i || s.issued?.reward.id === r.id) : rewards;
  const item = (r: Reward) => {
    let action: Node | null = null;
    if (balance !== null && r.available === false) {
      // Listing and redeeming share one rule server-side: a reward the shopper cannot redeem offers no button.
      action = muted(f.t(r.unavailableReason === "limit_reached" ? "limit_reached" : "reward_unavailable"));
    } else if (balance !== null && s.confirming === r.id) {
      const unmet = r.cart && !r.cart.qualifies;
      action = h(
        "div",
        { class: "lw-confirm", role: "group", "aria-label": f.t("redeem_label", { name: r.name }) },
        h("p", {}, f.t("confirm_question", { points: f.points(r.pointsCost), name: r.name })),
        unmet ? h("p", { class: "lw-warn" }, f.t("confirm_unmet")) : null,
        h(
          "p",
          { class: "lw-row" },
          button(
            `confirm-${r.id}`,
            "lw-primary",
            f.t("confirm"),
            () => {
              ctx.focusNext("issued");
              void store.redeem(r.id);
            },
            { disabled: Boolean(s.busy) },
          ),
          button(`back-${r.id}`, "", f.t("cancel"), () => {
            ctx.focusNext(`redeem-${r.id}`);
            store.set({ confirming: undefined });
          }),
        ),
      );
    } else if (affordable(r)) {
      action = button(
        `redeem-${r.id}`,
        "lw-primary",
        f.t("redeem"),
        () => {
          ctx.focusNext(`confirm-${r.id}`);
          store.set({ confirming: r.id, notice: undefined });
        },
        { "aria-label": f.t("redeem_label", { name: r.name }) },
      );
    } else if (balance !== null) {
      action = progress(r.pointsCost, balance, f.t("need_more", { points: f.points(r.pointsCost - balance) }));
    }
    const mine = s.issued?.reward.id === r.id ? issuedCode(ctx, s) : null;
    return h(
      "li",
      { class: "lw-item" },
      h("span", { dir: "auto" }, h("strong", {}, r.name), r.description ? sub(r.description) : null, ...(balance === null ? [] : conditions(f, r))),
      h("span", { class: "lw-cost" }, f.points(r.pointsCost)),
      action,
      note(ctx, `reward-${r.id}`),
      mine,
    );
  };
  return [h("h3", {}, f.t("rewards")), shown.length ? h("ul", { class: "lw-list" }, ...shown.map(item)) : muted(f.t("rewards_none"))];
}

function codesList(ctx: ViewContext, s: State): Node[] {
  const { f, store } = ctx;
  // Active: issued and not used, cancelled or expired (the app lists every redemption of the shopper).
  const codes = s.codes.filter((c): c is Redemption & { code: string } => Boolean(c.code) && (c.status ?? "issued") === "issued");
  const item = (c: Redemption & { code: string }) => {
    const id = c.id;
    let cancel: Node | null = null;
    if (c.cancellable !== false && s.cancelling === id) {
      cancel = h(
        "div",
        { class: "lw-confirm", role: "group", "aria-label": f.t("cancel_code", { code: c.code }) },
        h("p", {}, f.t("cancel_question", { code: c.code, points: f.points(c.points) })),
        h(
          "p",
          { class: "lw-row" },
          button(
            `uncode-${id}`,
            "lw-primary",
            f.t("cancel_yes"),
            () => {
              ctx.focusNext("codes");
              void store.cancel(id);
            },
            { disabled: Boolean(s.busy) },
          ),
          button(`keep-${id}`, "", f.t("cancel_keep"), () => {
            ctx.focusNext(`cancel-${id}`);
            store.set({ cancelling: undefined });
          }),
        ),
      );
    } else if (c.cancellable !== false) {
      cancel = button(`cancel-${id}`, "lw-link", f.t("cancel_code", { code: c.code }), () => {
        ctx.focusNext(`uncode-${id}`);
        store.set({ cancelling: id, notice: undefined });
      });
    }
    return h(
      "li",
      { class: "lw-item" },
      h("span", {}, h("bdi", { class: "lw-code" }, c.code), sub(c.rewardName, c.expiresAt ? ` · ${f.t("expires", { date: f.date(c.expiresAt) })}` : "")),
      ...codeActions(ctx, c.code, id),
      cancel,
    );
  };
  return [
    h("h3", { tabindex: -1, "data-k": "codes" }, f.t("codes")),
    ...[note(ctx, "codes")].filter((n): n is Node => n !== null),
    codes.length ? h("ul", { class: "lw-list" }, ...codes.map(item)) : muted(f.t("codes_none")),
  ];
}

const b = boot();
if (b) {
  b.view = view;
  b.ready?.();
}
