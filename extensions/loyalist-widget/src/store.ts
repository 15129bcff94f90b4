// The shopper's data, loaded once (lazily) and shared by every mount on the page: a redemption made in the
// panel shows in the cart block too.
import { api, ApiError } from "./api";
import type { Member, RedeemResult, Redemption, Reward } from "./types";

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
  /** A message for the live region (success or failure of the last action). */
  notice?: string;
  noticeIsError?: boolean;
};

const optional = <T>(promise: Promise<T[]>): Promise<T[]> =>
  promise.then((list) => (Array.isArray(list) ? list : [])).catch((error: unknown) => {
    // An endpoint the app does not have (yet) or refuses to a guest leaves its list empty.
    if (error instanceof ApiError && error.status < 500 && error.status !== 429) return [];
    throw error;
  });

export class Store {
  state: State = { status: "idle", rewards: [], codes: [] };
  /** The mount whose action started the current change (it alone moves focus). */
  actor = 0;
  private listeners = new Set<() => void>();
  private loading?: Promise<void>;

  constructor(private readonly base: string) {}

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
        const member = await api<Member>(this.base, "member");
        const signedIn = Boolean(member.customerId);
        const [rewards, codes] = await Promise.all([
          optional(api<Reward[]>(this.base, "rewards")),
          signedIn ? optional(api<Redemption[]>(this.base, "redemptions")) : Promise.resolve([]),
        ]);
        this.set({ status: "ready", member, rewards, codes, error: undefined });
      } catch (error) {
        this.loading = undefined;
        this.set({ status: "error", error: error instanceof ApiError ? error.code : "network" });
      }
    })();
    return this.loading;
  }

  /** Spends points on a reward; the code and the new balance show at once, history and codes follow. */
  async redeem(rewardId: string): Promise<void> {
    this.set({ busy: true, notice: undefined });
    try {
      const result = await api<RedeemResult>(this.base, "redeem", { rewardId });
      const member = this.state.member ? { ...this.state.member, balance: result.balance } : undefined;
      this.set({ busy: false, confirming: undefined, issued: result, member });
      await this.load(true);
    } catch (error) {
      this.set({ busy: false, confirming: undefined, notice: error instanceof ApiError ? error.code : "network", noticeIsError: true });
    }
  }

  /** Cancels an unused code; the points come back. */
  async cancel(redemptionId: string): Promise<void> {
    this.set({ busy: true, notice: undefined });
    try {
      await api(this.base, `redemptions/${encodeURIComponent(redemptionId)}/cancel`, {});
      const issued = this.state.issued && (this.state.issued.redemptionId ?? this.state.issued.id) === redemptionId ? undefined : this.state.issued;
      this.set({ busy: false, issued });
      await this.load(true);
      this.set({ notice: "code_cancelled", noticeIsError: false });
    } catch (error) {
      this.set({ busy: false, notice: error instanceof ApiError ? error.code : "network", noticeIsError: true });
    }
  }
}
