// "For you" for the signed-in member of the widget: the offers analysis for that one member, and the win-back
// survey once a win-back offer was sent; the survey's answers go where every survey's do (SurveyAnswer), so
// "said vs did" reads them too.
import prisma from "~/db.server";
import { WINBACK_REASONS, shopperOffer, type ForYouResponse, type ShopperOffer, type WinbackAnswers } from "~/insight/for-you";
import { offers } from "~/insight/offers.server";
import { WINBACK_SURVEY } from "~/insight/winback.server";
import { dateOf, insightWindow } from "~/insight/window";
import { now } from "~/platform/clock.server";
import { failure, type Failure } from "~/platform/errors";
import { recordSurveyAnswers } from "~/surveys/answers.server";

/** The member's latest win-back offer, and whether they answered its survey since. */
async function latestWinback(shopDomain: string, customerId: string) {
  const offer = await prisma.winbackOffer.findFirst({ where: { shopDomain, customerId }, orderBy: { sentAt: "desc" } });
  if (!offer) return null;
  const answered = await prisma.surveyAnswer.count({ where: { shopDomain, customerId, surveyId: WINBACK_SURVEY, answeredAt: { gte: offer.sentAt } } });
  return { offer, answered: answered > 0 };
}

/** What the widget shows under "For you": at most three offers, best first, and the survey when it is due. */
export async function memberForYou(shopDomain: string, customerId: string): Promise<ForYouResponse> {
  const at = await now();
  const window = insightWindow({ to: dateOf(at) }, at);
  if (!window.ok) throw new Error("today is a valid window");
  const [found, winback] = await Promise.all([
    offers({ shopDomain, currency: "", window: window.window }, { customerId, limit: 1 }),
    latestWinback(shopDomain, customerId),
  ]);
  const list = found.offers.map(shopperOffer).filter((o): o is ShopperOffer => o !== null);
  return {
    offers: list.slice(0, 3),
    winback:
      winback && !winback.answered ? { offeredAt: winback.offer.sentAt.toISOString(), rewardId: winback.offer.rewardId, reasons: WINBACK_REASONS } : null,
  };
}

/** Stores a lapsed member's "why did you stop?" answers; refused when no win-back offer was sent to them. */
export async function answerWinbackSurvey(shopDomain: string, customerId: string, answers: WinbackAnswers): Promise<{ ok: true; recorded: number } | Failure> {
  const winback = await latestWinback(shopDomain, customerId);
  if (!winback) return failure("not_found");
  const at = await now();
  const values: Record<string, string> = { reason: answers.reason };
  if (answers.comment) values.comment = answers.comment;
  const recorded = await prisma.$transaction((tx) =>
    recordSurveyAnswers(tx, { shopDomain, customerId, surveyId: WINBACK_SURVEY, answers: values, source: "widget", answeredAt: at }),
  );
  return { ok: true, recorded };
}
