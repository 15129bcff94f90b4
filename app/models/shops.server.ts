// Shops that installed Loyalist, and their program settings.
import type { Session } from "@shopify/shopify-api";
import prisma from "~/db.server";
import { logger } from "~/logger.server";
import { DEFAULT_PROGRAM, readProgramSettings, type ProgramSettings } from "~/loyalty/program";
import { adminClient } from "~/shopify/admin-client.server";
import { SHOP_DETAILS_QUERY } from "~/shopify/documents";
import { publishProgramMetafield } from "~/shopify/program-metafield.server";
import type { Tx } from "./ledger.server";

type GraphqlCapable = { graphql: (query: string) => Promise<Response> };

/**
 * Creates or refreshes the shop's row after Shopify authenticates an install, and publishes the program's
 * storefront metafield. Shop details come from the Admin API when it answers; installing never fails because of it.
 */
export async function installShop(session: Session, admin?: GraphqlCapable): Promise<void> {
  let details: { name?: string; currencyCode?: string } = {};
  if (admin) {
    try {
      const response = await admin.graphql(SHOP_DETAILS_QUERY);
      const body = (await response.json()) as { data?: { shop?: { name: string; currencyCode: string } } };
      details = body.data?.shop ?? {};
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
      scopes: session.scope ?? null,
      program: DEFAULT_PROGRAM,
    },
    update: {
      uninstalledAt: null,
      scopes: session.scope ?? undefined,
      ...(details.name ? { name: details.name } : {}),
      ...(details.currencyCode ? { currency: details.currencyCode } : {}),
    },
  });
  forgetShopStatus(session.shop);
  const client = session.accessToken ? adminClient(session.shop, session.accessToken, { attempts: 2, timeoutMs: 5_000 }) : undefined;
  await publishProgramMetafield(session.shop, readProgramSettings(shop.program), shop.currency, client);
}

/** The program settings of a shop (defaults when the shop is unknown). */
export async function loadProgram(tx: Tx, shopDomain: string): Promise<ProgramSettings> {
  const shop = await tx.shop.findUnique({ where: { domain: shopDomain }, select: { program: true } });
  return readProgramSettings(shop?.program ?? DEFAULT_PROGRAM);
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

/** Erases everything Loyalist holds for a shop (shop/redact, 48 hours after uninstall). */
export async function eraseShop(shopDomain: string): Promise<void> {
  await prisma.$transaction([
    prisma.ledgerEntry.deleteMany({ where: { shopDomain } }),
    prisma.member.deleteMany({ where: { shopDomain } }),
    prisma.orderRefund.deleteMany({ where: { shopDomain } }),
    prisma.orderRecord.deleteMany({ where: { shopDomain } }),
    prisma.productIndex.deleteMany({ where: { shopDomain } }),
    prisma.auditEvent.deleteMany({ where: { shopDomain } }),
    prisma.session.deleteMany({ where: { shop: shopDomain } }),
    prisma.shop.deleteMany({ where: { domain: shopDomain } }),
    prisma.webhookDelivery.updateMany({ where: { shopDomain }, data: { payload: {} } }),
  ]);
  forgetShopStatus(shopDomain);
}

/** The shop's row with its parsed program settings. */
export async function getShop(shopDomain: string) {
  const shop = await prisma.shop.findUnique({ where: { domain: shopDomain } });
  if (!shop) return null;
  return { ...shop, program: readProgramSettings(shop.program) };
}

/** Domains of every shop with Loyalist installed (periodic jobs). */
export async function installedShopDomains(): Promise<string[]> {
  const shops = await prisma.shop.findMany({ where: { uninstalledAt: null }, select: { domain: true } });
  return shops.map((s) => s.domain);
}
