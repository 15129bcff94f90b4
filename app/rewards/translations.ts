// Reward names and descriptions in the shopper's language: the merchant's per-locale overrides, else the
// reward's own name and description (written in the shop's language).
import { z } from "zod";

/** The shopper locales a merchant can translate rewards into (English is the reward's own text). */
export const REWARD_TRANSLATION_LOCALES = ["zh-CN", "fi", "ar"] as const;
export type RewardTranslationLocale = (typeof REWARD_TRANSLATION_LOCALES)[number];

const textSchema = z.object({
  name: z.string().trim().max(100).optional(),
  description: z.string().trim().max(500).optional(),
});

/** Stored overrides: empty strings are dropped, so a blank field falls back to the base text. */
export const rewardTranslationsSchema = z.record(z.string(), textSchema).transform((value) => {
  const out: Partial<Record<RewardTranslationLocale, { name?: string; description?: string }>> = {};
  for (const locale of REWARD_TRANSLATION_LOCALES) {
    const entry = value[locale];
    const name = entry?.name || undefined;
    const description = entry?.description || undefined;
    if (name || description) out[locale] = { ...(name ? { name } : {}), ...(description ? { description } : {}) };
  }
  return out;
});
export type RewardTranslations = z.infer<typeof rewardTranslationsSchema>;

type Translatable = { name: string; description: string | null; translations?: unknown };

/** The reward's name and description for a shopper in `locale`. */
export function rewardText(reward: Translatable, locale: string): { name: string; description: string | null } {
  const parsed = rewardTranslationsSchema.safeParse(reward.translations ?? {});
  const own = parsed.success ? parsed.data[locale as RewardTranslationLocale] : undefined;
  return { name: own?.name ?? reward.name, description: own?.description ?? reward.description };
}
