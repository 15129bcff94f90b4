// The storefront's copy of the earning rule: an app-data metafield (owned by the app installation, so only
// Loyalist can write it) that the theme extension's Liquid reads as `app.metafields.loyalist.program.value`.
// The "Earn N points" product block is then rendered by Shopify with the page: no request per page view.
import { logger } from "~/platform/logger.server";
import type { ProgramSettings } from "~/program/program";
import { liquidCents } from "~/platform/money";
import { offlineAdminClient, type AdminClient } from "~/platform/shopify/admin-client.server";

/** Namespace and key of the metafield; Liquid: `app.metafields.loyalist.program`. */
export const PROGRAM_METAFIELD = { namespace: "loyalist", key: "program" } as const;

export const CURRENT_APP_INSTALLATION_QUERY = `#graphql
  query LoyalistAppInstallation {
    currentAppInstallation { id }
  }
`;

export const PROGRAM_METAFIELD_SET_MUTATION = `#graphql
  mutation LoyalistProgramMetafield($metafields: [MetafieldsSetInput!]!) {
    metafieldsSet(metafields: $metafields) {
      metafields { id }
      userErrors { field message code }
    }
  }
`;

/** What the storefront needs to know without asking the app: the rule "Earn N points" is computed from. */
export type StorefrontProgram = {
  enabled: boolean;
  name: string;
  currency: string;
  pointsPerUnit: number;
  minimumOrderMinor: number;
  /** The minimum in Liquid's money unit (hundredths of the currency unit for every currency, as `variant.price`). */
  minimumOrderCents: number;
  excludedProductIds: string[];
  excludedCollectionIds: string[];
  excludedProductTags: string[];
};

/** The metafield's value for a program (ids as Liquid sees them: numeric, not GIDs). */
export function storefrontProgram(program: ProgramSettings, currency: string): StorefrontProgram {
  const numeric = (id: string) => id.slice(id.lastIndexOf("/") + 1);
  return {
    enabled: program.enabled,
    name: program.widget.programName,
    currency,
    pointsPerUnit: program.earning.pointsPerUnit,
    minimumOrderMinor: program.earning.minimumOrderMinor,
    minimumOrderCents: liquidCents(program.earning.minimumOrderMinor, currency),
    excludedProductIds: program.earning.excludedProductIds.map(numeric),
    excludedCollectionIds: program.earning.excludedCollectionIds.map(numeric),
    excludedProductTags: program.earning.excludedProductTags,
  };
}

export type PublishResult = { ok: true } | { ok: false; reason: string };

/** Writes the program's storefront copy to the shop. Never throws: a failure is returned and logged. */
export async function publishProgramMetafield(shop: string, program: ProgramSettings, currency: string, client?: AdminClient): Promise<PublishResult> {
  try {
    const admin = client ?? (await offlineAdminClient(shop, { attempts: 2, timeoutMs: 5_000 }));
    const installation = await admin.request(CURRENT_APP_INSTALLATION_QUERY);
    const result = await admin.request(PROGRAM_METAFIELD_SET_MUTATION, {
      metafields: [
        {
          ownerId: installation.currentAppInstallation.id,
          namespace: PROGRAM_METAFIELD.namespace,
          key: PROGRAM_METAFIELD.key,
          type: "json",
          value: JSON.stringify(storefrontProgram(program, currency)),
        },
      ],
    });
    const errors = result.metafieldsSet?.userErrors ?? [];
    if (errors.length) return failed(shop, errors.map((e) => `${e.code ?? ""} ${e.message}`.trim()).join("; "));
    return { ok: true };
  } catch (error) {
    return failed(shop, error instanceof Error ? error.message : String(error));
  }
}

function failed(shop: string, reason: string): PublishResult {
  logger.warn({ shop, reason }, "could not publish the program metafield; the storefront keeps the previous copy");
  return { ok: false, reason };
}
