// The shopper's data, loaded once (lazily) and shared by every mount on the page: a redemption made in the
// panel shows in the cart block too.
import { api, ApiError } from "./api";
import type { ActionAward, ForYou, Member, MemberActions, Program, RedeemResult, Redemption, Referral, ReferralClaim, Reward } from "./types";

export type State = {
  status: "idle" | "loading" | "ready" | "error";
  error?: string;
  member?: Member;
  rewards: Reward[];
  codes: Redemption[];
  /** The reward waiting for the shopper's confirmation. */
  confirming?: string;
  /** The code just issued. */
  issued?: RedeemResult;
  busy?: boolean;
  /** The code waiting for the shopper's confirmation that it should be cancelled. */
  cancelling?: string;
  /** A redemption answered 202: reserved while its code is created; polled until issued. */
  reserved?: string;
  /** A message for the live region (success or failure of the last action). */
  notice?: string;
  /** Where the notice shows: the `data-k` place of the button that caused it (next to it), else the top. */
  noticeAt?: string;
  noticeIsError?: boolean;
  /** Values for the notice's sentence ("You earned {points}!"). */
  noticeVars?: Record<string, string | number>;
  /** Ways to earn with the shopper's state (null: the app has none to show). */
  actions?: MemberActions | null;
  /** The program's referral offer, when referrals are on and there is someone to show it to. */
  offer?: Program["referral"];
  /** The signed-in member's own code and link. */
  referral?: Referral | null;
  /** A friend's referral code from the page's `?ref=` (kept for the visit), and the discount code they claimed. */
  refCode?: string;
  claimed?: string;
  /** Personalised offers and the win-back survey (signed-in members). */
  forYou?: ForYou | null;
};

/** The storefront cart (Shopify's Ajax API, amounts in hundredths of the currency unit) as /rewards reads it. */
async function cartQuery(digits: number): Promise<string> {
  try {
    const root = (window as unknown as { Shopify?: { routes?: { root?: string } } }).Shopify?.routes?.root ?? "/";
    const response = await fetch(`${root.replace(/\/?$/, "/")}cart.js`, { credentials: "same-origin", headers: { Accept: "application/json" } });
    const cart = (await response.json()) as { items_subtotal_price: number; items: { product_id: number }[] };
    const minor = Math.round((cart.items_subtotal_price * 10 ** digits) / 100);
    return `&cartSubtotal=${minor}&cartProducts=${[...new Set(cart.items.map((i) => i.product_id))].join(",")}`;
  } catch {
    return "";
  }
}

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The `?ref=` code of this visit: read from the link once, then kept for the session's other pages. */
function visitRefCode(): string | undefined {
  try {
    const fromLink = new URLSearchParams(location.search).get("ref");
    if (fromLink) sessionStorage.setItem("loyalist-ref", fromLink);
    return sessionStorage.getItem("loyalist-ref") || undefined;
  } catch {
    return undefined;
  }
}

const orNull = <T>(promise: Promise<T>): Promise<T | null> => promise.catch(() => null);

const optional = <T>(promise: Promise<T[]>): Promise<T[]> =>
  promise
    .then((list) => (Array.isArray(list) ? list : []))
    .catch((error: unknown) => {
      // An endpoint the app does not have (yet) or refuses to a guest leaves its list empty.
      if (error instanceof ApiError && error.status < 500 && error.status !== 429) return [];
      throw error;
    });

export class Store {
  state: State = { status: "idle", rewards: [], codes: [] };
  /** The mount whose action started the current change (it alone moves focus). */
  actor = 0;
  /** What the shopper typed into ways-to-earn fields, kept across re-renders. */
  drafts: Record<string, string> = {};
  private listeners = new Set<() => void>();
  private loading?: Promise<void>;

  /** `locale`: the page's; the app answers history, reward names and errors in it. `digits`: the shop currency's. */
  constructor(
    private readonly base: string,
    private readonly locale: string,
    private readonly digits = 2,
  ) {}

  private api<T>(path: string, body?: unknown, query = ""): Promise<T> {
    return api<T>(this.base, `${path}?locale=${encodeURIComponent(this.locale)}${query}`, body);
  }

  /** A failure's notice, shown next to `at`. */
  private failed(error: unknown, at?: string, code?: string): void {
    const notice = code ?? (error instanceof ApiError ? error.code : "network");
    this.set({ busy: false, confirming: undefined, cancelling: undefined, notice, noticeAt: at, noticeIsError: true });
  }

  subscribe(listener: () => void): void {
    this.listeners.add(listener);
  }

  set(patch: Partial<State>): void {
    this.state = { ...this.state, ...patch };
    for (const listener of this.listeners) listener();
  }

  /** Loads member data once; `force` reloads (after a redemption or a failure). */
  load(force = false): Promise<void> {
    if (this.loading && !force) return this.loading;
    if (this.state.status !== "ready") this.set({ status: "loading" });
    this.loading = (async () => {
      try {
        const member = await this.api<Member>("member");
        const signedIn = Boolean(member.customerId);
        const refCode = signedIn ? undefined : visitRefCode();
        // The referral link and offer do not change with a redemption: read once per page.
        const firstLoad = this.state.offer === undefined;
        // "For you" runs an analysis: read once per page, drawn when it comes, never holding the rest back.
        if (signedIn && this.state.forYou === undefined) {
          this.state.forYou = null;
          void orNull(this.api<ForYou>("for-you")).then((forYou) => this.set({ forYou }));
        }
        const [rewards, codes, actions, referral, program] = await Promise.all([
          optional(signedIn ? cartQuery(this.digits).then((cart) => this.api<Reward[]>("rewards", undefined, cart)) : this.api<Reward[]>("rewards")),
          signedIn ? optional(this.api<Redemption[]>("redemptions")) : Promise.resolve([]),
          this.api<MemberActions>("actions").catch(() => null),
          signedIn && firstLoad ? orNull(this.api<Referral>("referral")) : Promise.resolve(this.state.referral ?? null),
          (signedIn || refCode) && firstLoad ? orNull(this.api<Program>("program")) : Promise.resolve(null),
        ]);
        const offer = firstLoad ? (program?.referral ?? null) : this.state.offer;
        this.set({ status: "ready", member, rewards, codes, actions, referral, refCode, offer, error: undefined });
      } catch (error) {
        this.loading = undefined;
        this.set({ status: "error", error: error instanceof ApiError ? error.code : "network" });
      }
    })();
    return this.loading;
  }

  /** Spends points on a reward; the code and the new balance show at once, history and codes follow. */
  async redeem(rewardId: string): Promise<void> {
    const at = `reward-${rewardId}`;
    this.set({ busy: true, notice: undefined });
    try {
      const result = await this.api<RedeemResult>("redeem", { rewardId });
      // The new balance at once; what it is worth comes with the reload.
      const member = this.state.member ? { ...this.state.member, balance: result.balance, balanceValueMinor: undefined } : undefined;
      // An experience has no code: staff get in touch, so the shopper is told that instead. A reserved one (202)
      // gets its code from the app's recovery: say so, and look again until it is issued.
      const reserved = result.status === "reserved";
      const notice = reserved ? "reward_reserved" : result.reward.kind === "experience" ? "experience_booked" : undefined;
      this.set({
        busy: false,
        confirming: undefined,
        issued: result,
        member,
        notice,
        noticeAt: at,
        noticeIsError: false,
        reserved: reserved ? result.redemptionId : undefined,
      });
      await this.load(true);
      if (reserved) await this.poll(result);
    } catch (error) {
      this.failed(error, at);
    }
  }

  /** Polls the shopper's redemptions until a reserved one is issued (or failed), then shows its code. */
  private async poll(result: RedeemResult, tries = 40): Promise<void> {
    for (let i = 0; i < tries && this.state.reserved === result.redemptionId; i++) {
      await wait(Math.min(1000 * 1.3 ** i, 5000));
      const codes = await this.api<Redemption[]>("redemptions").catch(() => null);
      const mine = codes?.find((c) => c.id === result.redemptionId);
      if (!mine || mine.status === "reserved") continue;
      const at = `reward-${result.reward.id}`;
      if (mine.status === "issued") {
        this.set({
          reserved: undefined,
          issued: { ...result, code: mine.code, status: mine.status, expiresAt: mine.expiresAt },
          codes: codes ?? [],
          notice: undefined,
          noticeAt: at,
        });
      } else {
        this.set({ reserved: undefined, issued: undefined, notice: "reward_failed", noticeAt: at, noticeIsError: true });
      }
      return void (await this.load(true));
    }
  }

  /** Cancels an unused code; the points come back. */
  async cancel(redemptionId: string): Promise<void> {
    this.set({ busy: true, notice: undefined });
    try {
      await this.api(`redemptions/${encodeURIComponent(redemptionId)}/cancel`, {});
      const issued = this.state.issued?.redemptionId === redemptionId ? undefined : this.state.issued;
      this.set({ busy: false, issued, cancelling: undefined });
      await this.load(true);
      this.set({ notice: "code_cancelled", noticeAt: "codes", noticeIsError: false });
    } catch (error) {
      this.failed(error, "codes");
    }
  }

  /** Completes a way to earn (claim, follow, share, answers, vote, birthday); the points show at once. */
  async act(actionId: string, body: unknown = {}): Promise<void> {
    this.set({ busy: true, notice: undefined });
    try {
      const result = await this.api<ActionAward>(`actions/${encodeURIComponent(actionId)}`, body);
      const member = this.state.member ? { ...this.state.member, balance: result.balance, balanceValueMinor: undefined } : undefined;
      this.set({ busy: false, member });
      await this.load(true);
      const earned = result.points > 0;
      this.set({
        notice: earned ? "act_earned" : "act_birthday_saved",
        noticeAt: `act-${actionId}`,
        noticeVars: { points: result.points },
        noticeIsError: false,
      });
    } catch (error) {
      this.failed(error, `act-${actionId}`, error instanceof ApiError && error.code === "limit_reached" ? "action_limit_reached" : undefined);
    }
  }

  /** A lapsed member answers "why did you stop?"; the survey then gives way to a thank-you. */
  async answerWinback(answers: { reason: string; comment?: string }): Promise<void> {
    this.set({ busy: true, notice: undefined });
    try {
      await this.api("for-you/survey", { answers });
      this.set({
        busy: false,
        forYou: this.state.forYou && { ...this.state.forYou, winback: null },
        notice: "winback_thanks",
        noticeAt: "for-you",
        noticeIsError: false,
      });
    } catch (error) {
      this.failed(error, "winback");
    }
  }

  /** A referred friend claims their first-order code with their email. */
  async claim(email: string): Promise<void> {
    if (!this.state.refCode) return;
    this.set({ busy: true, notice: undefined });
    try {
      const result = await this.api<ReferralClaim>("referral/claim", { code: this.state.refCode, email });
      this.set({ busy: false, claimed: result.discountCode });
    } catch (error) {
      this.failed(error, "ref-claim");
    }
  }
}
