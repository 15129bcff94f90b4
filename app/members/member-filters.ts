// The members table's query: search, filters, sort and a keyset cursor, parsed from the URL with zod.
import { z } from "zod";
import { parseJsonSafely } from "~/platform/safe-json";

export const MEMBER_SORTS = ["activity_desc", "activity_asc", "balance_desc", "balance_asc", "joined_desc", "joined_asc"] as const;
export type MemberSort = (typeof MEMBER_SORTS)[number];
export const ACTIVITY_WINDOWS = ["any", "7d", "30d", "90d", "inactive_90d", "inactive_365d"] as const;

const optionalInt = z.preprocess(
  (v) => (v === "" || v === null || v === undefined ? undefined : v),
  z.coerce.number({ invalid_type_error: "Enter a whole number" }).int("Enter a whole number").min(0, "Enter 0 or more").optional(),
);

export const memberQuerySchema = z.object({
  q: z.string().trim().max(100).optional().default(""),
  sort: z.enum(MEMBER_SORTS).catch("activity_desc").default("activity_desc"),
  activity: z.enum(ACTIVITY_WINDOWS).catch("any").default("any"),
  minBalance: optionalInt,
  maxBalance: optionalInt,
  after: z.string().max(200).optional(),
  before: z.string().max(200).optional(),
});
export type MemberQuery = z.infer<typeof memberQuerySchema>;

/** Parses the members page's URL search parameters; anything malformed falls back to defaults. */
export function parseMemberQuery(params: URLSearchParams): MemberQuery {
  const raw = Object.fromEntries(params);
  const parsed = memberQuerySchema.safeParse(raw);
  if (parsed.success) return parsed.data;
  return memberQuerySchema.parse({ q: raw.q?.slice(0, 100), sort: raw.sort, activity: raw.activity });
}

/** A keyset cursor: the sort value and id of a row, opaque to the browser. */
export function encodeCursor(value: string | number, id: string): string {
  return Buffer.from(JSON.stringify([value, id])).toString("base64url");
}

export function decodeCursor(cursor: string | undefined): [string | number, string] | null {
  if (!cursor) return null;
  // A tampered cursor is ignored: only a sort value the queries can compare (a whole number, or a real
  // date) and a storable id get through (safe-json refuses NUL and lone surrogates).
  const json = parseJsonSafely(Buffer.from(cursor, "base64url"));
  if (!json.ok || !Array.isArray(json.value) || json.value.length !== 2) return null;
  const [value, id] = json.value as unknown[];
  if (typeof id !== "string" || id.length > 200) return null;
  if (typeof value === "number" && Number.isInteger(value) && Math.abs(value) <= MAX_INT4) return [value, id];
  if (typeof value === "string" && isComparableDate(value)) return [value, id];
  return null;
}

/** The sorted numbers (balances) are PostgreSQL integers. */
const MAX_INT4 = 2 ** 31 - 1;

function isComparableDate(value: string): boolean {
  const year = new Date(value).getUTCFullYear();
  return year >= 1970 && year <= 9999;
}
