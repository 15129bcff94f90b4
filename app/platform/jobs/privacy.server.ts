// The job queue's part in erasure: its tables hold schedules and run history, never a shop's or a customer's data.
import type { PrivacyHooks } from "~/privacy/erasure";

export const jobsPrivacy: PrivacyHooks = {
  capability: "jobs",
  piiFree: {
    ScheduledRun: "one row per scheduled job and due time: status, attempts, last error",
    ScheduleCursor: "how far each schedule has been ticked",
    ControllableClock: "the sandbox and tests' clock offset",
  },
};
