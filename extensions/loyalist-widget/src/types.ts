// Shapes the widget reads: its Liquid config and the app proxy's JSON (see README "Storefront endpoints").

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
  /** The second script (panel and inline blocks), loaded when first needed. */
  app: string;
  program: ProgramRule | null;
  strings: Strings;
};

export type LauncherSettings = { label: string; position: "start" | "end"; color: string; textColor: string; icon: "gift" | "star" | "none" };

export type PublicProgram = {
  name: string;
  enabled: boolean;
  currency: string;
  earning: { pointsPerUnit: number; minimumOrderMinor: number; awardOn: string; pendingDays: number };
};

export type HistoryItem = { id: string; type: string; points: number; pendingPoints?: number; reason: string; createdAt: string };

export type Tier = { name: string; nextName?: string | null; pointsToNext?: number | null; progress?: number | null } | null;

export type Member = {
  customerId: string | null;
  guest?: boolean;
  member?: boolean;
  balance?: number;
  pending?: number;
  lifetimeEarned?: number;
  tier?: Tier;
  expiring?: { points: number; at: string }[];
  history?: HistoryItem[];
  program: PublicProgram;
};

export type Reward = { id: string; name: string; description?: string | null; kind: string; pointsCost: number; affordable?: boolean };

export type Redemption = {
  id?: string;
  redemptionId?: string;
  code: string | null;
  points?: number;
  status?: string;
  /** Whether the shopper may still cancel it (an unused code). */
  cancellable?: boolean;
  expiresAt?: string | null;
  reward?: { name?: string } | null;
  rewardName?: string;
};

export type RedeemResult = Redemption & { balance: number };
