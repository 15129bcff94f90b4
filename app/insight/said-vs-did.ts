// Said vs did: what customers state in a survey against what the same customers bought.

/** The survey questions Insight can check against purchases (stable keys of SurveyAnswer.question). */
export const CHECKED_QUESTIONS = ["favourite_category", "orders_per_month"] as const;
export type CheckedQuestion = (typeof CHECKED_QUESTIONS)[number];

/** A stated frequency: "2", "2-3", "4+" or "0.5" orders a month; null when the answer is not one. */
export function parseStatedFrequency(answer: string): { low: number; high: number } | null {
  const text = answer.trim();
  const number = String.raw`\d+(?:\.\d+)?`;
  const range = new RegExp(String.raw`^(${number})\s*(?:-|–|to)\s*(${number})$`).exec(text);
  if (range) {
    const [low, high] = [Number(range[1]), Number(range[2])];
    return low <= high ? { low, high } : null;
  }
  const plus = new RegExp(String.raw`^(${number})\s*\+$`).exec(text);
  if (plus) return { low: Number(plus[1]), high: Number.POSITIVE_INFINITY };
  if (new RegExp(`^${number}$`).test(text)) return { low: Number(text), high: Number(text) };
  return null;
}

/** How far the real rate may stray from the stated one before it is a mismatch (people round). */
export const FREQUENCY_TOLERANCE = 0.5;

/** True when the real orders a month fall outside the stated range widened by the tolerance (and half an order). */
export function frequencyMismatch(stated: { low: number; high: number }, actualPerMonth: number): boolean {
  const low = stated.low * (1 - FREQUENCY_TOLERANCE) - 0.5;
  const high = stated.high * (1 + FREQUENCY_TOLERANCE) + 0.5;
  return actualPerMonth < low || actualPerMonth > high;
}

/** Category names compare without case, spacing or accents ("Gift cards" = "gift-cards"). */
export function sameCategory(stated: string, bought: string): boolean {
  const key = (s: string) =>
    s
      .normalize("NFKD")
      .replace(/\p{M}/gu, "")
      .toLowerCase()
      .replace(/[^\p{L}\p{N}]+/gu, "");
  return key(stated) !== "" && key(stated) === key(bought);
}

/** Share of answers that purchases contradict (0 when nobody answered). */
export function mismatchRate(mismatched: number, compared: number): number {
  return compared > 0 ? mismatched / compared : 0;
}

// --- The said-vs-did analysis's answer (app/insight/said-vs-did.server.ts) ---

export type QuestionResult = {
  question: CheckedQuestion;
  /** Respondents with an answer by `to`. */
  answered: number;
  /** Answers that could be checked (a readable answer, and for a category some purchase in the window). */
  compared: number;
  mismatched: number;
  mismatchRate: number;
  /** The most common answers, with how many of each purchases contradict. */
  answers: { answer: string; count: number; mismatched: number }[];
};

export type SaidVsDid = { questions: QuestionResult[]; months: number };
