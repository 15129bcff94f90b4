// Shops' part in erasure: the Shop row itself (everything else cascades from it) and the sessions.
import type { PrivacyHooks } from "~/privacy/erasure";

export const shopsPrivacy: PrivacyHooks = {
  capability: "shops",
  // @shopify/shopify-app-session-storage-prisma owns Session and writes it before our Shop row exists
  // (the install's token exchange comes first), so it cannot carry a key to Shop.
  shopModels: ["Session"],
  async eraseShop(tx, shopDomain) {
    await tx.session.deleteMany({ where: { shop: shopDomain } });
  },
  piiFree: {
    Shop: "the shop's own details and program settings",
    Session: "staff's access tokens and names, not customers'; deleted at uninstall",
  },
};
