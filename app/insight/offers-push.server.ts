// Personalised offers for marketing tools: the insight-offers job computes the next-best offer of the shop's
// most frequent buyers over the last year and writes it to the customer metafield loyalist.next_offer (JSON: the
// offer and its reason as a code with values) and a loyalist-offer-<kind> tag, through the notifications'
// Admin API calls (metafieldsSet in batches of at most 25, tagsAdd / tagsRemove). What was pushed is kept per
// customer (InsightOfferPush), so an unchanged offer (same kind and target) is not sent again and a changed kind
// moves its tag.
import prisma from "~/db.server";
import { offersFor, topBuyers } from "~/insight/offers.server";
import { offerMetafieldValue, offerTagChanges, type MemberOffer } from "~/insight/offers";
import { addDays, dateOf, insightWindow } from "~/insight/window";
import { changeCustomerTags, setCustomerMetafields } from "~/notifications/shopify.server";
import { CUSTOMER_METAFIELDS, metafieldBatches, type MetafieldValue } from "~/notifications/flow";
import { now } from "~/platform/clock.server";
import { logger } from "~/platform/logger.server";
import { AdminApiError, offlineAdminClient, type AdminClient } from "~/platform/shopify/admin-client.server";

/** How many members (the year's most frequent buyers) get an offer pushed per run. */
export const OFFERS_PUSH_MEMBERS = 200;

export type OffersPushReport = { members: number; pushed: number; unchanged: number; refused: number; error?: string };

/** What makes an offer the same offer: its kind and target, not the values of its reason. */
function offerIdentity(value: string): string {
  const { kind, category, productId, rewardId } = JSON.parse(value) as Record<string, unknown>;
  return JSON.stringify([kind, category, productId, rewardId]);
}

/** Pushes the shop's offers; a transport failure stops the run (the next one resumes: nothing is marked pushed unsent). */
export async function pushOffers(shopDomain: string, options: { client?: AdminClient; members?: number } = {}): Promise<OffersPushReport> {
  const at = await now();
  const to = dateOf(at);
  const window = insightWindow({ from: addDays(to, -364), to }, at);
  if (!window.ok) throw new Error("the last year is a valid window");
  const shop = await prisma.shop.findUnique({ where: { domain: shopDomain }, select: { currency: true } });
  const limit = options.members ?? OFFERS_PUSH_MEMBERS;
  const ctx = { shopDomain, currency: shop?.currency ?? "USD", window: window.window };
  const judged = new Set(await topBuyers(ctx, limit));
  // The best offer of each member (offers come best first per member), and members who have one no more.
  const best = new Map<string, MemberOffer>();
  for (const offer of await offersFor(ctx, [...judged])) if (!best.has(offer.customerId)) best.set(offer.customerId, offer);
  const previous = new Map(
    (await prisma.insightOfferPush.findMany({ where: { shopDomain }, select: { customerId: true, kind: true, value: true } })).map((p) => [p.customerId, p]),
  );
  const changes: { customerId: string; kind: string | null; value: string; before: string | null }[] = [];
  for (const [customerId, offer] of best) {
    const value = offerMetafieldValue(offer);
    const before = previous.get(customerId);
    // The same offer with a moved share or lift is not sent again: marketing tools see the offer change, not churn.
    if (!before || offerIdentity(before.value) !== offerIdentity(value)) changes.push({ customerId, kind: offer.kind, value, before: before?.kind ?? null });
  }
  for (const [customerId, before] of previous) {
    // Only the members this run judged: a member outside the top buyers keeps what was pushed.
    if (best.has(customerId) || before.kind === null) continue;
    if (!judged.has(customerId)) continue;
    changes.push({ customerId, kind: null, value: offerMetafieldValue(null), before: before.kind });
  }
  const report: OffersPushReport = { members: best.size, pushed: 0, unchanged: best.size - changes.filter((c) => c.kind !== null).length, refused: 0 };
  if (!changes.length) return report;
  let client: AdminClient;
  try {
    client = options.client ?? (await offlineAdminClient(shopDomain));
  } catch (error) {
    return { ...report, error: (error as Error).message };
  }
  const byCustomer = new Map(changes.map((c) => [c.customerId, c]));
  const values: MetafieldValue[] = changes.map((c) => ({
    customerId: c.customerId,
    key: "next_offer",
    type: CUSTOMER_METAFIELDS.next_offer.type,
    value: c.value,
  }));
  try {
    for (const batch of metafieldBatches(values)) {
      const result = await setCustomerMetafields(client, batch);
      if (!result.ok) {
        // metafieldsSet is all or nothing: the batch's data was refused, and would be again; logged, not retried.
        logger.warn({ shop: shopDomain, error: result.error }, "Shopify refused offer metafields");
        report.refused += batch.length;
        continue;
      }
      for (const m of batch) {
        const change = byCustomer.get(m.customerId)!;
        if (change.before !== change.kind) {
          const tags = await changeCustomerTags(client, m.customerId, offerTagChanges(change.before, change.kind));
          if (!tags.ok) logger.warn({ shop: shopDomain, customerId: m.customerId, error: tags.error }, "Shopify refused offer tags");
        }
        await prisma.insightOfferPush.upsert({
          where: { shopDomain_customerId: { shopDomain, customerId: m.customerId } },
          create: { shopDomain, customerId: m.customerId, kind: change.kind, value: change.value, pushedAt: at },
          update: { kind: change.kind, value: change.value, pushedAt: at },
        });
        report.pushed++;
      }
    }
  } catch (error) {
    if (!(error instanceof AdminApiError)) throw error;
    return { ...report, error: error.message };
  }
  return report;
}

/** The insight-offers job: every installed shop's offers, one shop after another; a shop's failure does not stop the rest. */
export async function pushAllOffers(): Promise<Record<string, OffersPushReport>> {
  const shops = await prisma.shop.findMany({ where: { uninstalledAt: null }, select: { domain: true } });
  const reports: Record<string, OffersPushReport> = {};
  for (const { domain } of shops) {
    reports[domain] = await pushOffers(domain);
    if (reports[domain].error) logger.warn({ shop: domain, error: reports[domain].error }, "offers not pushed");
  }
  return reports;
}
