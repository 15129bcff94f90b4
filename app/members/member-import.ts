// Reading another loyalty app's member export (Smile, LoyaltyLion and similar): header aliases and the
// row-by-row checks, pure so they are unit-testable and shared with the import page.
import { parse } from "csv-parse/sync";
import { z } from "zod";

export type ImportRow = { row: number; email: string; points: number; tier: string | null; birthday: string | null };
export type ImportProblem = { row: number; email: string; field: string; message: string };

const ALIASES: Record<"email" | "points" | "tier" | "birthday", string[]> = {
  email: ["email", "email address", "customer email", "customer_email", "e-mail"],
  points: ["points", "points balance", "points_balance", "balance", "loyalty points", "pointsbalance", "current points", "points_available"],
  tier: ["tier", "vip tier", "vip_tier", "tier name", "loyalty tier"],
  birthday: ["birthday", "birth date", "birth_date", "date of birth", "dob", "birthdate"],
};

const normalise = (h: string) => h.trim().toLowerCase().replace(/\s+/g, " ");

function birthdayOf(value: string): string | null | undefined {
  if (!value) return null;
  // 1990-04-23, --04-23, 04-23, 04/23, 1990/04/23
  const m = /^(?:(\d{4})[-/])?(?:--)?(\d{1,2})[-/](\d{1,2})$/.exec(value.trim());
  if (!m) return undefined;
  const year = m[1] ? Number(m[1]) : 2000;
  const month = Number(m[2]);
  const day = Number(m[3]);
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day || (m[1] && (year < 1900 || date > new Date()))) return undefined;
  const md = `${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
  return m[1] ? `${m[1]}-${md}` : md;
}

const emailSchema = z.string().trim().toLowerCase().email("Not a valid email address");
const pointsSchema = z
  .string()
  .trim()
  .transform((v) => v.replace(/[,_\s]/g, ""))
  .pipe(z.string().regex(/^\d+$/, "Points must be a whole number, 0 or more").transform(Number))
  .pipe(z.number().max(10_000_000, "At most 10,000,000 points"));

export const MAX_IMPORT_ROWS = 100_000;

/**
 * Parses and checks a CSV export. Every problem is reported against its line in the file (the header is line 1);
 * an email that appears twice is a problem on its second line.
 */
export function readImportFile(text: string): { rows: ImportRow[]; problems: ImportProblem[]; totalRows: number; fileError?: string } {
  let records: string[][];
  try {
    records = parse(text, { bom: true, skip_empty_lines: true, relax_column_count: true, trim: true }) as string[][];
  } catch (error) {
    return { rows: [], problems: [], totalRows: 0, fileError: `The file is not valid CSV: ${(error as Error).message}` };
  }
  if (!records.length) return { rows: [], problems: [], totalRows: 0, fileError: "The file is empty" };
  const header = records[0].map(normalise);
  const col = (key: keyof typeof ALIASES) => header.findIndex((h) => ALIASES[key].includes(h));
  const columns = { email: col("email"), points: col("points"), tier: col("tier"), birthday: col("birthday") };
  if (columns.email < 0 || columns.points < 0) {
    return { rows: [], problems: [], totalRows: records.length - 1, fileError: 'The file needs an email column and a points column (e.g. "email,points")' };
  }
  if (records.length - 1 > MAX_IMPORT_ROWS) {
    return { rows: [], problems: [], totalRows: records.length - 1, fileError: `At most ${MAX_IMPORT_ROWS.toLocaleString("en")} rows per file` };
  }
  const rows: ImportRow[] = [];
  const problems: ImportProblem[] = [];
  const seen = new Map<string, number>();
  records.slice(1).forEach((record, index) => {
    const row = index + 2;
    const rawEmail = record[columns.email] ?? "";
    const email = emailSchema.safeParse(rawEmail);
    const points = pointsSchema.safeParse(record[columns.points] ?? "");
    const tier = columns.tier >= 0 ? (record[columns.tier] ?? "").trim() : "";
    const birthday = columns.birthday >= 0 ? birthdayOf(record[columns.birthday] ?? "") : null;
    const rowProblems: ImportProblem[] = [];
    if (!email.success) rowProblems.push({ row, email: rawEmail, field: "email", message: email.error.issues[0].message });
    if (!points.success) rowProblems.push({ row, email: rawEmail, field: "points", message: points.error.issues[0].message });
    if (tier.length > 60) rowProblems.push({ row, email: rawEmail, field: "tier", message: "Tier names are at most 60 characters" });
    if (birthday === undefined) rowProblems.push({ row, email: rawEmail, field: "birthday", message: "Use a date such as 1990-04-23 or 04-23" });
    if (email.success && seen.has(email.data)) {
      rowProblems.push({ row, email: rawEmail, field: "email", message: `Same email as line ${seen.get(email.data)}` });
    }
    if (rowProblems.length || !email.success || !points.success || birthday === undefined) {
      problems.push(...rowProblems);
      return;
    }
    seen.set(email.data, row);
    rows.push({ row, email: email.data, points: points.data, tier: tier || null, birthday });
  });
  return { rows, problems, totalRows: records.length - 1 };
}
