/** Shop and StaffMember views. */
import { gid } from "../../ids";
import type { ShopRecord, StaffUser } from "../../store/types";
import type { View } from "../context";

/** The StaffMember view of a staff user. */
export function staffMemberView(user: StaffUser): View {
  return {
    __typename: "StaffMember",
    id: gid("StaffMember", user.id),
    firstName: user.first_name,
    lastName: user.last_name,
    name: `${user.first_name} ${user.last_name}`,
    email: user.email,
    active: true,
    exists: true,
    isShopOwner: user.account_owner,
    locale: user.locale,
    phone: null,
    initials: [user.first_name[0], user.last_name[0]].filter(Boolean),
    accountType: user.account_owner ? "REGULAR" : "RESTRICTED",
  };
}

/** The gid of the app's installation on a shop (owner of app-data metafields, Liquid's `app.metafields`). */
export function appInstallationGid(shop: Pick<ShopRecord, "id">): string {
  return gid("AppInstallation", shop.id);
}

/** The AppInstallation view (`currentAppInstallation`): the app's own installation on the shop. */
export function appInstallationView(shop: ShopRecord): View {
  return {
    __typename: "AppInstallation",
    id: appInstallationGid(shop),
    launchUrl: `https://${shop.domain}/admin/apps`,
    uninstallUrl: null,
    accessScopes: shop.scopes.map((handle) => ({ handle, description: null })),
  };
}

/** The Shop view. */
export function shopView(shop: ShopRecord): View {
  const owner = shop.staff.find((s) => s.account_owner) ?? shop.staff[0];
  return {
    __typename: "Shop",
    id: gid("Shop", shop.id),
    name: shop.name,
    email: shop.email,
    contactEmail: shop.email,
    myshopifyDomain: shop.domain,
    url: `https://${shop.domain}`,
    currencyCode: shop.currency,
    enabledPresentmentCurrencies: [shop.currency],
    ianaTimezone: shop.ianaTimezone,
    timezoneAbbreviation: "EST",
    timezoneOffset: "-0500",
    timezoneOffsetMinutes: -300,
    createdAt: shop.createdAt,
    updatedAt: shop.createdAt,
    description: null,
    shopOwnerName: `${owner.first_name} ${owner.last_name}`,
    taxesIncluded: false,
    taxShipping: false,
    weightUnit: "KILOGRAMS",
    setupRequired: false,
    checkoutApiSupported: true,
    transactionalSmsDisabled: false,
    marketingSmsConsentEnabledAtCheckout: false,
    plan: {
      displayName: shop.planDisplayName,
      publicDisplayName: shop.planDisplayName,
      partnerDevelopment: shop.partnerDevelopment,
      shopifyPlus: shop.shopifyPlus,
    },
    primaryDomain: {
      __typename: "Domain",
      id: gid("Domain", shop.id),
      host: shop.domain,
      url: `https://${shop.domain}`,
      sslEnabled: true,
      localization: null,
      marketWebPresence: null,
    },
    accountOwner: () => staffMemberView(owner),
    currencyFormats: {
      moneyFormat: "${{amount}}",
      moneyInEmailsFormat: "${{amount}}",
      moneyWithCurrencyFormat: `\${{amount}} ${shop.currency}`,
      moneyWithCurrencyInEmailsFormat: `\${{amount}} ${shop.currency}`,
    },
  };
}
