// Shops that installed Loyalist, and their program settings.
import type { Session } from "@shopify/shopify-api";
import prisma from "~/db.server";
import { logger } from "~/platform/logger.server";
import { DEFAULT_PROGRAM, readProgramSettings, type ProgramSettings } from "~/program/program";
import { adminClientForSession } from "~/platform/shopify/admin-client.server";
import { SHOP_DETAILS_QUERY } from "~/earning/documents";
import { publishProgramMetafield } from "~/program/program-metafield.server";
import { installCustomerMetafieldDefinitions } from "~/notifications/shopify.server";
import { PRIVACY_HOOKS } from "~/privacy/registry.server";
import { selectRows } from "~/platform/db/sql.server";
import type { SqlTx } from "~/platform/db/raw-transaction.server";

/**
 * Creates or refreshes the shop's row after Shopify authenticates an install, and publishes the program's
 * storefront metafield. Shop details come from the Admin API when it answers; installing never fails because of it.
 */
export async function installShop(session: Session): Promise<void> {
  const client = session.accessToken ? adminClientForSession(session, { attempts: 2, timeoutMs: 5_000 }) : undefined;
  let details: { name?: string; currencyCode?: string; ianaTimezone?: string } = {};
  if (client) {
    try {
      details = (await client.request(SHOP_DETAILS_QUERY)).shop;
    } catch (error) {
      logger.warn({ shop: session.shop, err: error }, "could not read shop details at install; keeping defaults");
    }
  }
  const shop = await prisma.shop.upsert({
    where: { domain: session.shop },
    create: {
      domain: session.shop,
      name: details.name ?? null,
      currency: details.currencyCode ?? "USD",
      timezone: details.ianaTimezone ?? "UTC",
      scopes: session.scope ?? null,
      program: DEFAULT_PROGRAM,
    },
    update: {
      uninstalledAt: null,
      scopes: session.scope ?? undefined,
      ...(details.name ? { name: details.name } : {}),
      ...(details.currencyCode ? { currency: details.currencyCode } : {}),
      ...(details.ianaTimezone ? { timezone: details.ianaTimezone } : {}),
    },
  });
  forgetShopStatus(session.shop);
  await publishProgramMetafield(session.shop, readProgramSettings(shop.program), shop.currency, client);
  // In the background, like the product sync: installing never waits on Shopify for them.
  void installCustomerMetafieldDefinitions(session.shop, client);
}

/** The program settings of a shop (defaults when the shop is unknown). */
export async function loadProgram(tx: SqlTx, shopDomain: string): Promise<ProgramSettings> {
  const [shop] = await tx.$queryRaw<{ program: unknown }[]>`SELECT program FROM "Shop" WHERE domain = ${shopDomain}`;
  return readProgramSettings((shop?.program ?? DEFAULT_PROGRAM) as Parameters<typeof readProgramSettings>[0]);
}

export type ShopStatus = "installed" | "uninstalled" | "unknown";

const statusCache = new Map<string, { status: ShopStatus; at: number }>();
const STATUS_TTL_MS = 5_000;

/** Whether a shop has Loyalist installed (cached briefly: it is asked on every webhook delivery). */
export async function shopStatus(shopDomain: string): Promise<ShopStatus> {
  const cached = statusCache.get(shopDomain);
  if (cached && Date.now() - cached.at < STATUS_TTL_MS) return cached.status;
  const shop = await prisma.shop.findUnique({ where: { domain: shopDomain }, select: { uninstalledAt: true } });
  const status: ShopStatus = !shop ? "unknown" : shop.uninstalledAt ? "uninstalled" : "installed";
  statusCache.set(shopDomain, { status, at: Date.now() });
  return status;
}

let announceStatusChange: ((shopDomain: string) => void) | undefined;

/** Tells the other process (the HTTP server, when jobs run in their own process) that a shop's status changed. */
export function announceShopStatusChangesWith(announce: (shopDomain: string) => void): void {
  announceStatusChange = announce;
}

/** Drops the cached install status of a shop (after install, uninstall, redact), here and in other threads. */
export function forgetShopStatus(shopDomain: string, { announce = true } = {}): void {
  statusCache.delete(shopDomain);
  if (announce) announceStatusChange?.(shopDomain);
}

/** Marks a shop uninstalled and deletes its sessions; its program data stays until shop/redact. */
export async function uninstallShop(shopDomain: string): Promise<void> {
  await prisma.$transaction([
    prisma.session.deleteMany({ where: { shop: shopDomain } }),
    prisma.shop.updateMany({ where: { domain: shopDomain, uninstalledAt: null }, data: { uninstalledAt: new Date() } }),
  ]);
  forgetShopStatus(shopDomain);
}

/** Records the scopes a shop granted after a scopes update. */
export async function updateShopScopes(shopDomain: string, scopes: string[]): Promise<void> {
  await prisma.shop.updateMany({ where: { domain: shopDomain }, data: { scopes: scopes.join(",") } });
  await prisma.session.updateMany({ where: { shop: shopDomain }, data: { scope: scopes.join(",") } });
}

/**
 * Erases everything Loyalist holds for a shop (shop/redact, 48 hours after uninstall): every table of shop
 * data cascades from the Shop row, and the few that cannot (app/privacy/registry.server.ts) have hooks.
 */
export async function eraseShop(shopDomain: string): Promise<void> {
  await prisma.$transaction(
    async (tx) => {
      for (const hooks of PRIVACY_HOOKS) await hooks.eraseShop?.(tx, shopDomain);
      await tx.shop.deleteMany({ where: { domain: shopDomain } });
    },
    { timeout: 120_000, maxWait: 30_000 },
  );
  forgetShopStatus(shopDomain);
}

/** The shop's row with its parsed program settings. */
export async function getShop(shopDomain: string) {
  const shop = await prisma.shop.findUnique({ where: { domain: shopDomain } });
  if (!shop) return null;
  return { ...shop, program: readProgramSettings(shop.program) };
}

/** What the storefront's answers need of a shop: its parsed program and its currency (one plain read, no Prisma compile). */
export async function storefrontShop(shopDomain: string): Promise<{ program: ProgramSettings; currency: string } | null> {
  const rows = await selectRows<{ program: unknown; currency: string }>(prisma, `SELECT program, currency FROM "Shop" WHERE domain = $1`, [shopDomain]);
  return rows[0] ? { program: readProgramSettings(rows[0].program), currency: rows[0].currency } : null;
}

/** Domains of every shop with Loyalist installed (periodic jobs). */
export async function installedShopDomains(): Promise<string[]> {
  const shops = await prisma.shop.findMany({ where: { uninstalledAt: null }, select: { domain: true } });
  return shops.map((s) => s.domain);
}
