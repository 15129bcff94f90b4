// The "Ways to earn" list: each action the merchant set up, in the shopper's language, with its state (done,
// available, a challenge's progress) and what completing it takes: a claim, a birthday, a follow or share per
// network, survey answers, a poll vote. Field values live in the store's drafts so a re-render keeps them.
import type { Format } from "./format";
import type { Store } from "./store";
import type { MemberAction } from "./types";
import { button, h, note } from "./lib";
import type { ViewContext } from "./ui";

const NETWORKS: Record<string, string> = {
  instagram: "Instagram",
  facebook: "Facebook",
  tiktok: "TikTok",
  x: "X",
  youtube: "YouTube",
  pinterest: "Pinterest",
  whatsapp: "WhatsApp",
};

/** Web share pages per network; the others use the browser's share sheet. */
const SHARE: Record<string, string> = {
  facebook: "https://www.facebook.com/sharer/sharer.php?u=",
  x: "https://x.com/intent/tweet?url=",
  whatsapp: "https://wa.me/?text=",
  pinterest: "https://pinterest.com/pin/create/button/?url=",
};

function share(network: string): void {
  const url = location.origin;
  const page = SHARE[network];
  if (page) window.open(page + encodeURIComponent(url), "_blank", "noopener");
  else void navigator.share?.({ url }).catch(() => undefined);
}

const muted = (text: string) => h("span", { class: "lw-muted lw-block" }, text);

function field(store: Store, key: string, el: HTMLInputElement | HTMLSelectElement, initial = ""): HTMLElement {
  el.value = store.drafts[key] ?? initial;
  el.dataset.k = key;
  el.addEventListener("input", () => (store.drafts[key] = el.value));
  el.addEventListener("change", () => (store.drafts[key] = el.value));
  return el;
}

function goal(f: Format, a: MemberAction): string {
  const c = a.challenge!;
  const what = f.t(`goal_${c.goal}`, { target: f.num(c.target), money: f.money(c.target) });
  return c.withinDays ? `${what} ${f.t("goal_within", { days: f.num(c.withinDays) })}` : what;
}

/** What completing the action takes, for a signed-in shopper. */
function controls(store: Store, f: Format, a: MemberAction, birthday: string | null, changesLeft: number | null, busy: boolean): Node[] {
  const act = (body?: unknown) => () => void store.act(a.id, body);
  const disabled = { disabled: busy };
  switch (a.kind) {
    case "birthday": {
      if (birthday && changesLeft === 0) return [muted(f.date(`${birthday}T12:00:00Z`))];
      const input = field(
        store,
        `bd-${a.id}`,
        h("input", { type: "date", class: "lw-input", "aria-label": f.t("act_birthday_label") }) as HTMLInputElement,
        birthday ?? "",
      );
      return [
        h(
          "span",
          { class: "lw-row" },
          input,
          button(`save-${a.id}`, "", f.t("act_save"), () => void store.act(a.id, { birthday: store.drafts[`bd-${a.id}`] ?? birthday ?? "" }), disabled),
        ),
      ];
    }
    case "social_follow":
    case "social_share": {
      const open = (a.networks ?? []).filter((n) => !a.networksDone.includes(n.network));
      return [
        h(
          "span",
          { class: "lw-row" },
          ...open.map((n) => {
            const name = NETWORKS[n.network] ?? n.network;
            const label = f.t(a.kind === "social_follow" ? "act_follow" : "act_share", { network: name });
            const go = () => {
              if (a.kind === "social_follow" && n.url) window.open(n.url, "_blank", "noopener");
              if (a.kind === "social_share") share(n.network);
              void store.act(a.id, { network: n.network });
            };
            return button(`${a.id}-${n.network}`, "", label, go, disabled);
          }),
        ),
      ];
    }
    case "survey": {
      const questions = a.questions ?? [];
      const inputs = questions.map((q) => {
        const key = `sv-${a.id}-${q.key}`;
        const el = q.options
          ? (h("select", { class: "lw-input" }, h("option", { value: "" }, "—"), ...q.options.map((o) => h("option", { value: o }, o))) as HTMLSelectElement)
          : (h("input", { type: "text", class: "lw-input", maxlength: 500 }) as HTMLInputElement);
        return h("label", { class: "lw-block" }, h("span", { class: "lw-block", dir: "auto" }, q.label), field(store, key, el));
      });
      const send = () => void store.act(a.id, { answers: Object.fromEntries(questions.map((q) => [q.key, store.drafts[`sv-${a.id}-${q.key}`] ?? ""])) });
      return [h("div", { class: "lw-block" }, ...inputs, button(`send-${a.id}`, "lw-primary", f.t("act_submit"), send, disabled))];
    }
    case "poll": {
      const poll = a.poll!;
      return [
        h("span", { class: "lw-block", dir: "auto" }, poll.question),
        h(
          "span",
          { class: "lw-row" },
          ...poll.options.map((o) =>
            button(`vote-${a.id}-${o.id}`, "", o.label, act({ option: o.id }), { ...disabled, "aria-label": `${f.t("act_vote")}: ${o.label}` }),
          ),
        ),
      ];
    }
    case "challenge": {
      const p = a.progress ?? { current: 0, target: a.challenge?.target ?? 1 };
      const label = f.t("act_progress", { current: f.num(p.current), target: f.num(p.target) });
      const bar = h("span", { class: "lw-need" }, h("progress", { max: p.target, value: p.current, "aria-label": label }), label);
      return p.current >= p.target ? [bar, button(`claim-${a.id}`, "lw-primary", f.t("act_claim"), act(), disabled)] : [bar];
    }
    case "signup":
      return [button(`claim-${a.id}`, "lw-primary", f.t("act_claim"), act(), disabled)];
    default:
      return [];
  }
}

/** The list of ways to earn; `signedIn` false: described only (the join buttons are above). */
export function actionsList(ctx: ViewContext, signedIn: boolean): Node[] {
  const { store, f } = ctx;
  const data = store.state.actions;
  if (!data?.actions.length) return [];
  const item = (a: MemberAction) => {
    const details: Node[] = [];
    if (a.challenge) details.push(muted(goal(f, a)));
    if (a.limit !== "once" && a.kind !== "birthday" && a.kind !== "anniversary") details.push(muted(f.t(`limit_${a.limit}`)));
    const state =
      a.state === "done"
        ? [h("span", { class: "lw-pos" }, f.t("act_done"))]
        : signedIn && a.state === "available"
          ? controls(store, f, a, data.birthday, data.birthdayChangesLeft, Boolean(store.state.busy))
          : a.kind === "challenge" && signedIn
            ? controls(store, f, a, null, null, true)
            : [];
    return h(
      "li",
      { class: "lw-item lw-act", "data-action": a.kind },
      h("span", {}, h("strong", {}, f.t(`act_${a.kind}`)), ...details),
      h("span", { class: "lw-cost" }, `+${f.points(a.points)}`),
      ...state,
      note(ctx, `act-${a.id}`),
    );
  };
  return [h("ul", { class: "lw-list" }, ...data.actions.map(item))];
}
