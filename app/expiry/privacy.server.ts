// Expiry's part in erasure: point lots are numbers tied to the (anonymised) member row and stay with the
// ledger they mirror.
import type { PrivacyHooks } from "~/privacy/erasure";

export const expiryPrivacy: PrivacyHooks = {
  capability: "expiry",
  piiFree: { PointLot: "points per lot of the anonymised member, mirroring the ledger" },
};
