// The admin's "way to earn" form: flat text fields in, one validated action out (the kind's settings checked
// by its own schema in actions.ts). Lists are one item per line so a merchant can type them without JSON.
import { z } from "zod";
import type { FieldErrors } from "~/platform/form-errors";
import { fieldErrorsFromZod } from "~/platform/form-errors";
import { t } from "~/platform/i18n";
import { ACTION_CONFIG_SCHEMAS, ACTION_KINDS, ACTION_LIMITS, CHALLENGE_GOALS, type ActionKind, type EarningActionRule } from "~/actions/actions";

export type ActionFormValues = Record<string, string>;

export type ActionInput = Omit<EarningActionRule, "id">;

const date = z
  .string()
  .trim()
  .regex(/^(\d{4}-\d{2}-\d{2})?$/, "forms.enterDate")
  .transform((v) => (v ? new Date(`${v}T00:00:00.000Z`) : null))
  .refine((d) => d === null || !Number.isNaN(d.getTime()), "forms.enterDate");

const baseSchema = z.object({
  kind: z.enum(ACTION_KINDS),
  title: z.string().trim().min(1).max(100),
  points: z.coerce.number().int().min(1).max(1_000_000),
  limit: z.enum(ACTION_LIMITS),
  enabled: z.enum(["on", "off"]).optional(),
  startsAt: date.optional(),
  endsAt: date.optional(),
});

const lines = (text: string | undefined) =>
  (text ?? "")
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);
const cells = (line: string) => line.split("|").map((c) => c.trim());

/** The kind's settings from its text fields, before its schema checks them. */
function configFrom(kind: ActionKind, form: ActionFormValues): unknown {
  switch (kind) {
    case "social_follow":
      return { networks: lines(form.networks).map((l) => ({ network: cells(l)[0], url: cells(l)[1] ?? "" })) };
    case "social_share":
      return { networks: lines(form.networks).map((l) => cells(l)[0]) };
    case "survey":
      return {
        questions: lines(form.questions).map((l) => {
          const [key, label, options] = cells(l);
          const choices = (options ?? "")
            .split(",")
            .map((o) => o.trim())
            .filter(Boolean);
          return { key, label: label ?? "", ...(choices.length ? { options: choices } : {}) };
        }),
      };
    case "challenge":
      return {
        goal: form.goal,
        target: Number(form.target),
        withinDays: form.withinDays?.trim() ? Number(form.withinDays) : null,
      };
    case "poll":
      return {
        question: form.pollQuestion ?? "",
        options: lines(form.pollOptions).map((l) => ({ id: cells(l)[0], label: cells(l)[1] ?? cells(l)[0] })),
        minimumTier: form.minimumTier?.trim() || null,
      };
    default:
      return {};
  }
}

/** The field each settings path is edited in. */
const CONFIG_FIELD: Record<string, string> = {
  networks: "networks",
  questions: "questions",
  goal: "goal",
  target: "target",
  withinDays: "withinDays",
  question: "pollQuestion",
  options: "pollOptions",
  minimumTier: "minimumTier",
};

/** Parses the form; field errors keyed by the form's field names. */
export function parseActionForm(form: ActionFormValues): { ok: true; input: ActionInput } | { ok: false; fieldErrors: FieldErrors } {
  const base = baseSchema.safeParse(form);
  if (!base.success) return { ok: false, fieldErrors: fieldErrorsFromZod(base.error) };
  const { kind, startsAt = null, endsAt = null } = base.data;
  if (startsAt && endsAt && endsAt.getTime() <= startsAt.getTime()) return { ok: false, fieldErrors: { endsAt: t("actions.form.endAfterStart") } };
  const config = ACTION_CONFIG_SCHEMAS[kind].safeParse(configFrom(kind, form));
  if (!config.success) {
    const fieldFor = Object.fromEntries(
      config.error.issues.map((i) => [i.path.filter((p) => typeof p === "string").join("."), CONFIG_FIELD[String(i.path[0])] ?? "form"]),
    );
    return { ok: false, fieldErrors: fieldErrorsFromZod(config.error, fieldFor) };
  }
  return {
    ok: true,
    input: {
      kind,
      title: base.data.title,
      points: base.data.points,
      limit: base.data.limit,
      enabled: base.data.enabled !== "off",
      startsAt,
      endsAt,
      config: config.data as Record<string, unknown>,
    },
  };
}

const day = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : "");

/** The form's values for an action (a new one: a sign-up bonus). */
export function actionFormValues(action: EarningActionRule | null, kind: ActionKind = "signup"): ActionFormValues {
  if (!action)
    return { kind, title: "", points: "100", limit: "once", enabled: "on", startsAt: "", endsAt: "", goal: CHALLENGE_GOALS[0], target: "3", withinDays: "" };
  const c = action.config as Record<string, unknown>;
  const values: ActionFormValues = {
    kind: action.kind,
    title: action.title,
    points: String(action.points),
    limit: action.limit,
    enabled: action.enabled ? "on" : "off",
    startsAt: day(action.startsAt),
    endsAt: day(action.endsAt),
    goal: String(c.goal ?? CHALLENGE_GOALS[0]),
    target: String(c.target ?? "3"),
    withinDays: c.withinDays ? String(c.withinDays) : "",
  };
  if (action.kind === "social_follow") values.networks = (c.networks as { network: string; url: string }[]).map((n) => `${n.network} | ${n.url}`).join("\n");
  if (action.kind === "social_share") values.networks = (c.networks as string[]).join("\n");
  if (action.kind === "survey")
    values.questions = (c.questions as { key: string; label: string; options?: string[] }[])
      .map((q) => [q.key, q.label, ...(q.options?.length ? [q.options.join(", ")] : [])].join(" | "))
      .join("\n");
  if (action.kind === "poll") {
    values.pollQuestion = String(c.question ?? "");
    values.pollOptions = (c.options as { id: string; label: string }[]).map((o) => `${o.id} | ${o.label}`).join("\n");
    values.minimumTier = String(c.minimumTier ?? "");
  }
  return values;
}
