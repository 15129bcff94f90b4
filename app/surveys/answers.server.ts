// Survey answers, one row per customer, survey and question: the survey earning action and the merchant's
// CSV import write here; Insight's "said vs did" reads them beside what the customer bought.
import type { Tx } from "~/ledger/ledger.server";

export type SurveyAnswers = {
  shopDomain: string;
  customerId: string;
  surveyId: string;
  /** Question key → answer, as the survey defines them. */
  answers: Record<string, string>;
  source: "widget" | "import";
  answeredAt: Date;
};

/** Stores the answers; answering the same question of the same survey again replaces the earlier answer. */
export async function recordSurveyAnswers(tx: Tx, input: SurveyAnswers): Promise<number> {
  let written = 0;
  for (const [question, answer] of Object.entries(input.answers)) {
    written += await tx.$executeRaw`
      INSERT INTO "SurveyAnswer" (id, "shopDomain", "customerId", "surveyId", question, answer, source, "answeredAt")
      VALUES (${crypto.randomUUID()}, ${input.shopDomain}, ${input.customerId}, ${input.surveyId}, ${question}, ${answer}, ${input.source}, ${input.answeredAt})
      ON CONFLICT ("shopDomain", "customerId", "surveyId", question)
      DO UPDATE SET answer = EXCLUDED.answer, source = EXCLUDED.source, "answeredAt" = EXCLUDED."answeredAt"`;
  }
  return written;
}
