// Reading a CSV of survey answers for "said vs did": one row per customer and question. Header names are
// matched loosely (customer_id / customerId / customer id); answered_at and survey are optional.
import { parse } from "csv-parse/sync";

export type SurveyImportRow = { row: number; customerId: string; surveyId: string; question: string; answer: string; answeredAt: string | null };
export type SurveyImportProblem = { row: number; field: string; code: "missing" | "invalid" | "too_long" };

export const MAX_SURVEY_ROWS = 50_000;
const ALIASES = {
  customerId: ["customerid", "customer", "shopifycustomerid"],
  question: ["question", "questionkey"],
  answer: ["answer", "response"],
  surveyId: ["survey", "surveyid", "surveyname"],
  answeredAt: ["answeredat", "date", "answereddate"],
} as const;

const normalise = (h: string) => h.toLowerCase().replace(/[^a-z]/g, "");

export type SurveyFileResult =
  { ok: true; rows: SurveyImportRow[]; problems: SurveyImportProblem[] } | { ok: false; code: "not_csv" | "empty" | "missing_columns" | "too_many_rows" };

/** The file's answers and every row's problems (the header is line 1). */
export function readSurveyFile(text: string): SurveyFileResult {
  let records: string[][];
  try {
    records = parse(text, { bom: true, skip_empty_lines: true, relax_column_count: true, trim: true }) as string[][];
  } catch {
    return { ok: false, code: "not_csv" };
  }
  if (records.length < 2) return { ok: false, code: "empty" };
  const header = records[0].map(normalise);
  const col = (key: keyof typeof ALIASES) => header.findIndex((h) => (ALIASES[key] as readonly string[]).includes(h));
  const columns = { customerId: col("customerId"), question: col("question"), answer: col("answer"), surveyId: col("surveyId"), answeredAt: col("answeredAt") };
  if (columns.customerId < 0 || columns.question < 0 || columns.answer < 0) return { ok: false, code: "missing_columns" };
  if (records.length - 1 > MAX_SURVEY_ROWS) return { ok: false, code: "too_many_rows" };
  const rows: SurveyImportRow[] = [];
  const problems: SurveyImportProblem[] = [];
  records.slice(1).forEach((record, i) => {
    const row = i + 2;
    const cell = (index: number) => (index >= 0 ? (record[index] ?? "").trim() : "");
    const customerId = cell(columns.customerId).replace(/^gid:\/\/shopify\/Customer\//, "");
    const question = cell(columns.question);
    const answer = cell(columns.answer);
    const answeredAt = cell(columns.answeredAt);
    const mine: SurveyImportProblem[] = [];
    if (!/^[1-9]\d{0,18}$/.test(customerId)) mine.push({ row, field: "customerId", code: customerId ? "invalid" : "missing" });
    if (!/^[a-z][a-z0-9_]{0,59}$/.test(question)) mine.push({ row, field: "question", code: question ? "invalid" : "missing" });
    if (!answer) mine.push({ row, field: "answer", code: "missing" });
    else if (answer.length > 500) mine.push({ row, field: "answer", code: "too_long" });
    if (answeredAt && !(/^\d{4}-\d{2}-\d{2}/.test(answeredAt) && Number.isFinite(Date.parse(answeredAt))))
      mine.push({ row, field: "answeredAt", code: "invalid" });
    if (mine.length) problems.push(...mine);
    else rows.push({ row, customerId, surveyId: cell(columns.surveyId).slice(0, 100) || "import", question, answer, answeredAt: answeredAt || null });
  });
  return { ok: true, rows, problems };
}
