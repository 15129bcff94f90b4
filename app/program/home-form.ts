// The admin home's forms: the quick program controls and the setup checklist's buttons, one zod schema for the
// action (and for tests' `saveProgram`, whose fields it types).
import { z } from "zod";
import { AWARD_TIMINGS } from "~/program/program";

const wholeNumber = (max: number) =>
  z.coerce.number({ invalid_type_error: "Enter a whole number" }).int("Enter a whole number").min(0, "Enter 0 or more").max(max, `Enter ${max} or less`);

/** The quick program form (also what test/support/sandbox.ts `saveProgram` posts), and the checklist's actions. */
export const homeActionSchema = z.discriminatedUnion("intent", [
  z.object({
    intent: z.literal("program"),
    enabled: z.enum(["on", "off"]).transform((v) => v === "on"),
    pointsPerUnit: wholeNumber(1000),
    awardOn: z.enum(AWARD_TIMINGS),
    pendingDays: wholeNumber(365),
  }),
  z.object({ intent: z.literal("enable") }),
  z.object({ intent: z.literal("confirm_embed") }),
]);
