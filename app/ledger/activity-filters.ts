// The activity log's filters, parsed from the URL with zod.
import { z } from "zod";

const day = z.preprocess(
  (v) => (v === "" ? undefined : v),
  z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, "Use YYYY-MM-DD")
    .optional(),
);

export const activityQuerySchema = z.object({
  action: z.string().trim().max(60).optional().default(""),
  actor: z.string().trim().max(200).optional().default(""),
  from: day,
  to: day,
  after: z.string().max(200).optional(),
});
export type ActivityQuery = z.infer<typeof activityQuerySchema>;

/** Parses the activity page's URL; malformed filters are dropped. */
export function parseActivityQuery(params: URLSearchParams): ActivityQuery {
  const raw = Object.fromEntries(params);
  const parsed = activityQuerySchema.safeParse(raw);
  return parsed.success ? parsed.data : activityQuerySchema.parse({ action: raw.action?.slice(0, 60), actor: raw.actor?.slice(0, 200) });
}
