// Shapes the widget reads: its Liquid config, and the app proxy's JSON from the member API contract.

export type Strings = Record<string, string>;

/** The earning rule the app publishes as the `loyalist.program` app metafield. */
export type ProgramRule = {
  enabled: boolean;
  name: string;
  currency: string;
  pointsPerUnit: number;
  minimumOrderMinor: number;
};

export type Config = {
  proxy: string;
  locale: string;
  currency: string;
  signedIn: boolean;
  loginUrl: string;
  registerUrl: string;
  css: string;
  /** The second script (panel, inline blocks, spending points) and the third (the member view's other parts), loaded together when first needed. */
  app: string;
  view: string;
  extra: string;
  program: ProgramRule | null;
  strings: Strings;
};

export type LauncherSettings = { label: string; position: "start" | "end"; color: string; textColor: string; icon: "gift" | "star" | "none" };

// The app proxy's answers: the member API contract's types (type-only: nothing from it is bundled).
export type {
  ActionAwardResponse as ActionAward,
  HistoryItem,
  MemberAction,
  MemberActionsResponse as MemberActions,
  MemberResponse as Member,
  ProgramResponse as Program,
  PublicProgram,
  ReferralClaimResponse as ReferralClaim,
  ReferralResponse as Referral,
  RedeemResponse as RedeemResult,
  RedemptionItem as Redemption,
  StorefrontReward as Reward,
  Tier,
  TierProgress,
} from "../../../app/members/contract";
export type { ForYouResponse as ForYou, ShopperOffer as ForYouOffer } from "../../../app/insight/for-you";
