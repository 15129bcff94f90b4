// Said vs did: each respondent's latest answer to a checked question (by `to`) against their own purchases in
// the window: stated favourite category vs the category they bought in most orders, stated orders a month vs
// their real rate.
import { z } from "zod";
import prisma from "~/db.server";
import { defineAnalysis, type InsightContext } from "~/insight/analysis";
import {
  CHECKED_QUESTIONS,
  frequencyMismatch,
  mismatchRate,
  parseStatedFrequency,
  sameCategory,
  type CheckedQuestion,
  type SaidVsDid,
} from "~/insight/said-vs-did";
import { num, windowLines } from "~/insight/window-sql.server";

export const saidVsDidParams = z.object({}).strict();

type Row = { customerId: string; question: CheckedQuestion; answer: string; orders: bigint; topCategories: string[] | null };

const DAYS_PER_MONTH = 30.4375;

export async function saidVsDid(ctx: InsightContext): Promise<SaidVsDid> {
  const { shopDomain, window } = ctx;
  const rows = await prisma.$queryRaw<Row[]>`
    WITH a AS (
      SELECT DISTINCT ON ("customerId", question) "customerId", question, answer FROM "SurveyAnswer"
      WHERE "shopDomain" = ${shopDomain} AND question = ANY(${[...CHECKED_QUESTIONS]}::text[]) AND "answeredAt" < ${window.toExclusive}
      ORDER BY "customerId", question, "answeredAt" DESC),
    c AS (
      SELECT l."customerId", l.category, count(DISTINCT l."orderId") AS orders FROM "InsightOrderLine" l
      WHERE ${windowLines(ctx)} AND l."customerId" IN (SELECT "customerId" FROM a) AND l.category <> '' GROUP BY 1, 2),
    top AS (
      SELECT "customerId", array_agg(category ORDER BY category) AS categories FROM (
        SELECT c.*, rank() OVER (PARTITION BY "customerId" ORDER BY orders DESC) AS r FROM c) ranked WHERE r = 1 GROUP BY 1),
    o AS (
      SELECT o."customerId", count(*) AS orders FROM "InsightOrder" o
      WHERE o."shopDomain" = ${shopDomain} AND NOT o.excluded AND o."occurredAt" >= ${window.from} AND o."occurredAt" < ${window.toExclusive}
        AND o."customerId" IN (SELECT "customerId" FROM a) GROUP BY 1)
    SELECT a."customerId", a.question, a.answer, COALESCE(o.orders, 0) AS orders, top.categories AS "topCategories"
    FROM a LEFT JOIN o USING ("customerId") LEFT JOIN top USING ("customerId")`;
  const months = window.days / DAYS_PER_MONTH;
  const questions = CHECKED_QUESTIONS.map((question) => {
    const mine = rows.filter((r) => r.question === question);
    const tally = new Map<string, { answer: string; count: number; mismatched: number }>();
    let compared = 0;
    let mismatched = 0;
    for (const r of mine) {
      let contradicted: boolean | null = null;
      if (question === "favourite_category") {
        if (r.topCategories?.length) contradicted = !r.topCategories.some((c) => sameCategory(r.answer, c));
      } else {
        const stated = parseStatedFrequency(r.answer);
        if (stated) contradicted = frequencyMismatch(stated, num(r.orders) / months);
      }
      const key = r.answer.trim().toLowerCase();
      const entry = tally.get(key) ?? { answer: r.answer.trim(), count: 0, mismatched: 0 };
      entry.count++;
      if (contradicted !== null) {
        compared++;
        if (contradicted) {
          mismatched++;
          entry.mismatched++;
        }
      }
      tally.set(key, entry);
    }
    return {
      question,
      answered: mine.length,
      compared,
      mismatched,
      mismatchRate: mismatchRate(mismatched, compared),
      answers: [...tally.values()].sort((x, y) => y.count - x.count || x.answer.localeCompare(y.answer)).slice(0, 10),
    };
  });
  return { questions, months: Math.round(months * 100) / 100 };
}

export const saidVsDidAnalysis = defineAnalysis({ params: saidVsDidParams, compute: saidVsDid });
