// The setup checklist a new install walks through (the home page shows it until every step is done).
export const SETUP_STEPS = ["program_on", "earning_rate", "first_reward", "app_embed"] as const;
export type SetupStep = (typeof SETUP_STEPS)[number];
