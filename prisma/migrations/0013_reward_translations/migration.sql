-- Per-locale reward names and descriptions for shoppers, entered by the merchant (see app/rewards/translations.ts).
ALTER TABLE "Reward" ADD COLUMN "translations" JSONB NOT NULL DEFAULT '{}';
