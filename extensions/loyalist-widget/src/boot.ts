// What the small first script (main.ts) hands to the lazily loaded one (app.ts) through `window.loyalist`.
import type { State } from "./store";
import type { Config, LauncherSettings, Member } from "./types";
import type { ViewContext } from "./ui";
import type * as Dom from "./dom";
import type * as Ui from "./ui";

/** What loyalist-app.js lends the view scripts, so they do not bundle copies. */
export type Lib = Pick<typeof Dom, "h" | "button"> & Pick<typeof Ui, "note" | "codeActions" | "muted" | "sub" | "progress" | "message">;

/** The sections the third script (extra.ts) draws: the panel's and account page's less urgent parts. */
export type Parts = {
  claimCard(ctx: ViewContext, s: State): Node[];
  forYou(ctx: ViewContext, s: State): Node[];
  referralCard(ctx: ViewContext, s: State): Node[];
  waysToEarn(ctx: ViewContext, member: Member): Node[];
  history(ctx: ViewContext, member: Member): Node[];
};

export type Boot = {
  cfg: Config;
  settings: LauncherSettings | null;
  /** The fixed launcher's container and button (null without the app embed). */
  root: HTMLElement | null;
  button: HTMLElement | null;
  /** The shopper clicked the launcher before the app script arrived. */
  wantOpen: boolean;
  /** Set by app.ts: opens or closes the panel. */
  toggle?: () => void;
  /** Set by app.ts (runs first): the builders view.ts and extra.ts use. */
  lib?: Lib;
  /** Set by view.ts (loyalist-view.js) and extra.ts (loyalist-extra.js) as they run. */
  view?: (ctx: ViewContext) => Node[];
  parts?: Parts;
  /** Set by app.ts: starts once the view scripts have run (each calls it at its end). */
  ready?: () => void;
};

/** The hand-off object, once main.ts has run. */
export const boot = (): Boot | undefined => (window as unknown as { loyalist?: Boot }).loyalist;
