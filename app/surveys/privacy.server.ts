// Surveys' part in erasure: answers stay for the anonymous aggregates (how many said what), under the
// anonymous id, with any identifier scrubbed from free-text answers.
import { scrubText, type PrivacyHooks } from "~/privacy/erasure";

export const surveysPrivacy: PrivacyHooks = {
  capability: "surveys",
  customerModels: ["SurveyAnswer"],
  async redactCustomer(tx, subject) {
    if (!subject.customerId) return;
    const answers = await tx.surveyAnswer.findMany({ where: { shopDomain: subject.shopDomain, customerId: subject.customerId } });
    for (const row of answers) {
      await tx.surveyAnswer.update({
        where: { id: row.id },
        data: { customerId: subject.anonymousId, answer: scrubText(row.answer, subject.identifiers) },
      });
    }
  },
};
