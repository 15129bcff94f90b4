// What the small first script (main.ts) hands to the lazily loaded one (app.ts) through `window.loyalist`.
import type { Config, LauncherSettings } from "./types";

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
};

/** The hand-off object, once main.ts has run. */
export const boot = (): Boot | undefined => (window as unknown as { loyalist?: Boot }).loyalist;
