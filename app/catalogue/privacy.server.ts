// The catalogue's part in erasure: products are the shop's, and go with it (cascade from Shop).
import type { PrivacyHooks } from "~/privacy/erasure";

export const cataloguePrivacy: PrivacyHooks = {
  capability: "catalogue",
  piiFree: {
    ProductIndex: "the shop's products: titles, tags, collections, categories",
    LocationIndex: "the shop's locations: names and status",
  },
};
