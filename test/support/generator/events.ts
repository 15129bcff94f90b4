/** What happens to an order after checkout: fulfillment, a partial refund, or a cancellation. */
import { DAY_MS } from "./calendar";
import type { Rng } from "./random";
import type { GeneratedFinancialStatus, GeneratedLine, OrderEvent, OrderSource, RefundedLine } from "./types";

const HOUR_MS = 3_600_000;

export interface EventContext {
  createdMs: number;
  endMs: number;
  source: OrderSource;
  financialStatus: GeneratedFinancialStatus;
  lines: GeneratedLine[];
  /** Per line: false for gift cards, which are never refunded. */
  refundable: boolean[];
}

const iso = (ms: number): string => new Date(Math.floor(ms / 1000) * 1000).toISOString();

/** Chance that a paid order of two or more units gets a partial refund: about 5% of all orders. */
const PARTIAL_REFUND_CHANCE = 0.1;

/** Units to refund from one refundable line, always fewer than the order's units; none when that is impossible. */
function refundLines(rng: Rng, ctx: EventContext): RefundedLine[] {
  const units = ctx.lines.reduce((sum, line) => sum + line.quantity, 0);
  const candidates = ctx.lines.map((_, i) => i).filter((i) => ctx.refundable[i]);
  if (units < 2 || candidates.length === 0) return [];
  const lineIndex = rng.pick(candidates);
  return [{ lineIndex, quantity: rng.int(1, Math.min(ctx.lines[lineIndex].quantity, units - 1)) }];
}

/**
 * Follow-ups of one order, oldest first, none at or after the period's end: ~2% of orders are cancelled (web only,
 * pending ones often), most paid ones are fulfilled (POS at once, web within 0.3–4 days), ~5% get a partial refund.
 */
export function followUpEvents(rng: Rng, ctx: EventContext): OrderEvent[] {
  const events: OrderEvent[] = [];
  const cancelChance = ctx.source === "pos" ? 0 : ctx.financialStatus === "pending" ? 0.2 : 0.016;
  if (rng.chance(cancelChance)) {
    events.push({ type: "cancel", at: iso(ctx.createdMs + rng.between(0.5, 30) * HOUR_MS) });
  } else if (ctx.financialStatus !== "pending") {
    let fulfilledMs: number | null = null;
    if (ctx.source === "pos") fulfilledMs = ctx.createdMs + rng.int(5, 90) * 1000;
    else if (rng.chance(0.97)) fulfilledMs = ctx.createdMs + rng.between(0.3, 4) * DAY_MS;
    if (fulfilledMs !== null) events.push({ type: "fulfill", at: iso(fulfilledMs) });
    const lines = refundLines(rng, ctx);
    if (ctx.financialStatus === "paid" && lines.length > 0 && rng.chance(PARTIAL_REFUND_CHANCE)) {
      events.push({ type: "refund", at: iso((fulfilledMs ?? ctx.createdMs) + rng.between(1, 20) * DAY_MS), lines });
    }
  }
  return events.filter((event) => new Date(event.at).getTime() < ctx.endMs);
}
