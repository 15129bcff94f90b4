// Staff balance adjustments: the form's one zod schema, shared by the member page (field errors) and the action.
import { z } from "zod";

export const ADJUSTMENT_REASONS = ["goodwill", "service_recovery", "correction", "missing_points", "fraud", "other"] as const;

export const adjustmentFormSchema = z
  .object({
    direction: z.enum(["add", "remove"], { errorMap: () => ({ message: "Choose add or remove" }) }),
    points: z.coerce
      .number({ invalid_type_error: "Enter a whole number of points" })
      .int("Enter a whole number of points")
      .min(1, "Enter at least 1 point")
      .max(10_000_000, "Enter at most 10,000,000 points"),
    reason: z.enum(ADJUSTMENT_REASONS, { errorMap: () => ({ message: "Choose a reason" }) }),
    reasonText: z.string().trim().max(200, "Use at most 200 characters").optional().default(""),
    note: z.string().trim().max(1000, "Use at most 1000 characters").optional().default(""),
    confirmed: z.enum(["yes", "no"]).optional().default("no"),
    /** One id per form submission, so a double click posts once. */
    submissionId: z
      .string()
      .min(8)
      .max(64)
      .regex(/^[A-Za-z0-9_-]+$/),
  })
  .superRefine((value, ctx) => {
    if (value.reason === "other" && !value.reasonText) {
      ctx.addIssue({ code: "custom", path: ["reasonText"], message: "Describe the reason" });
    }
  });
export type AdjustmentForm = z.infer<typeof adjustmentFormSchema>;

/** The reason stored on the ledger entry and audit event ("goodwill" or "other: late parcel"). */
export function adjustmentReasonLabel(form: Pick<AdjustmentForm, "reason" | "reasonText">): string {
  return form.reasonText ? `${form.reason}: ${form.reasonText}` : form.reason;
}

/** The signed points an adjustment moves. */
export function signedPoints(form: Pick<AdjustmentForm, "direction" | "points">): number {
  return form.direction === "add" ? form.points : -form.points;
}
