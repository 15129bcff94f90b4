// Imports survey answers from a CSV (the admin's "said vs did" page) through recordSurveyAnswers: all rows or
// none, so a file with a problem changes nothing.
import prisma from "~/db.server";
import { readSurveyFile, type SurveyImportProblem } from "~/insight/survey-import";
import { now } from "~/platform/clock.server";
import { recordSurveyAnswers } from "~/surveys/answers.server";

export type SurveyImportResult =
  | { ok: true; imported: number; customers: number }
  | { ok: false; code: "not_csv" | "empty" | "missing_columns" | "too_many_rows" }
  | { ok: false; code: "invalid_rows"; problems: SurveyImportProblem[] };

/** Records every answer of the file for the shop, or none when any row has a problem. */
export async function importSurveyAnswers(shopDomain: string, text: string): Promise<SurveyImportResult> {
  const file = readSurveyFile(text);
  if (!file.ok) return file;
  if (file.problems.length) return { ok: false, code: "invalid_rows", problems: file.problems.slice(0, 100) };
  const at = await now();
  const groups = new Map<string, { customerId: string; surveyId: string; answeredAt: Date; answers: Record<string, string> }>();
  for (const r of file.rows) {
    const answeredAt = r.answeredAt ? new Date(r.answeredAt) : at;
    const key = `${r.customerId}\u0000${r.surveyId}\u0000${answeredAt.toISOString()}`;
    const group = groups.get(key) ?? { customerId: r.customerId, surveyId: r.surveyId, answeredAt, answers: {} };
    group.answers[r.question] = r.answer;
    groups.set(key, group);
  }
  const imported = await prisma.$transaction(
    async (tx) => {
      let written = 0;
      for (const g of groups.values()) written += await recordSurveyAnswers(tx, { shopDomain, ...g, source: "import" });
      return written;
    },
    { timeout: 60_000 },
  );
  return { ok: true, imported, customers: new Set(file.rows.map((r) => r.customerId)).size };
}
