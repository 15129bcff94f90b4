import { LoginErrorType, type LoginError } from "@shopify/shopify-app-remix/server";
import { t } from "~/platform/i18n";

/** The login form's field errors, in the merchant's words, from the library's error codes. */
export function loginErrorMessage(errors: LoginError): { shop?: string } {
  if (errors.shop === LoginErrorType.MissingShop) return { shop: t("login.missingShop") };
  if (errors.shop === LoginErrorType.InvalidShop) return { shop: t("login.invalidShop") };
  return {};
}
