// The one list of every capability's erasure hooks. A new capability with tables adds its
// `privacy.server.ts` here; test/unit/privacy/erasure-coverage.test.ts fails until every model is covered.
import { actionsPrivacy } from "~/actions/privacy.server";
import { auditPrivacy } from "~/audit/privacy.server";
import { cataloguePrivacy } from "~/catalogue/privacy.server";
import { earningPrivacy } from "~/earning/privacy.server";
import { expiryPrivacy } from "~/expiry/privacy.server";
import { insightPrivacy } from "~/insight/privacy.server";
import { winbackPrivacy } from "~/insight/winback-privacy.server";
import { ledgerPrivacy } from "~/ledger/privacy.server";
import { membersPrivacy } from "~/members/privacy.server";
import { notificationsPrivacy } from "~/notifications/privacy.server";
import { jobsPrivacy } from "~/platform/jobs/privacy.server";
import { webhooksPrivacy } from "~/platform/webhooks/privacy.server";
import { referralsPrivacy } from "~/referrals/privacy.server";
import { rewardsPrivacy } from "~/rewards/privacy.server";
import { shopsPrivacy } from "~/shops/privacy.server";
import { surveysPrivacy } from "~/surveys/privacy.server";
import { tiersPrivacy } from "~/tiers/privacy.server";
import type { PrivacyHooks } from "~/privacy/erasure";

export const PRIVACY_HOOKS: readonly PrivacyHooks[] = [
  membersPrivacy,
  ledgerPrivacy,
  earningPrivacy,
  rewardsPrivacy,
  auditPrivacy,
  webhooksPrivacy,
  jobsPrivacy,
  cataloguePrivacy,
  shopsPrivacy,
  notificationsPrivacy,
  surveysPrivacy,
  actionsPrivacy,
  expiryPrivacy,
  tiersPrivacy,
  referralsPrivacy,
  insightPrivacy,
  winbackPrivacy,
];
