// The shared builders for the view scripts (view.ts, extra.ts): loyalist-app.js hands them over through
// `window.loyalist.lib`, so they ship once. The loader runs the scripts in order, app first, so they are there.
import { boot, type Lib } from "./boot";

export const { h, button, note, codeActions, muted, sub, progress, message } = boot()!.lib!;
export type { Lib };
