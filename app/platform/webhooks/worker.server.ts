// Processes recorded webhook deliveries in the background: woken the moment a delivery is recorded,
// and polling as a safety net so deliveries left by a crash (or a failed attempt) are picked up again.
// With a real PostgreSQL it runs in a child process at lower CPU priority (app/platform/jobs/background-process.mjs), so processing
// never delays answering webhooks; the HTTP process only forwards wake-ups.
import { logger } from "~/platform/logger.server";
import { count } from "~/platform/metrics.server";
import {
  MAX_DELIVERY_ATTEMPTS,
  claimDeliveries,
  markDeliveriesProcessed,
  markDeliveryFailed,
  markDeliveryProcessed,
  type StoredDelivery,
} from "~/platform/webhooks/deliveries.server";
import { ORDER_TOPICS, processOrderBatch, processWebhook } from "~/platform/webhooks/handlers.server";
import { OrderBatchNotApplicable } from "~/earning/orders-batch.server";
import { sleep } from "~/platform/sleep";

type WorkerState = {
  running: boolean;
  active: number;
  concurrency: number;
  /** A delivery arrived while processors were busy: look again before going idle. */
  dirty: boolean;
  timer?: NodeJS.Timeout;
  idle: Array<() => void>;
  /** Set in the HTTP process when the worker runs in another process. */
  remote?: (message: WorkerMessage) => void;
  remoteWakePending: boolean;
  /** While deliveries arrive in a burst, processing waits until then (answers come first). */
  pressureUntil: number;
  lastProgressAt: number;
  /** A processor is taking its once-a-second batch during a burst (the others keep waiting). */
  heldBatchInFlight: boolean;
  burstWindowStart: number;
  burstCount: number;
};

export type WorkerMessage = "wake" | "pressure";

declare global {
  var __loyalistWorker: WorkerState | undefined;
}

const state: WorkerState = (globalThis.__loyalistWorker ??= {
  running: false,
  active: 0,
  concurrency: 4,
  dirty: false,
  idle: [],
  remoteWakePending: false,
  pressureUntil: 0,
  lastProgressAt: 0,
  heldBatchInFlight: false,
  burstWindowStart: 0,
  burstCount: 0,
});

/** Deliveries claimed at once; a shop's consecutive order deliveries among them are processed as one batch. */
const BATCH = 100;
const POLL_MS = 1_000;
/** Deliveries per 100 ms that count as a burst (300/s): above it, processing yields to answering. */
const BURST_PER_WINDOW = 30;
const BURST_WINDOW_MS = 100;
/** How long processing holds back after the last burst signal. */
const PRESSURE_HOLD_MS = 150;
/** Even in a long burst, processing moves at least once a second. */
const MAX_HOLD_MS = 1_000;

/**
 * Waits while a burst of deliveries is being answered, but never more than MAX_HOLD_MS since the last progress.
 * Then one processor (not all of them at once) takes a batch: during a burst the backlog moves a batch at a
 * time, and the CPU goes to answering. True when this processor is that one and must call releaseHeldBatch.
 */
async function yieldToBurst(): Promise<boolean> {
  while (state.running && Date.now() < state.pressureUntil) {
    if (!state.heldBatchInFlight && Date.now() - state.lastProgressAt >= MAX_HOLD_MS) {
      state.heldBatchInFlight = true;
      return true;
    }
    await sleep(25);
  }
  return false;
}

async function drain(): Promise<void> {
  state.active++;
  try {
    for (;;) {
      if (!state.running) return;
      const held = await yieldToBurst();
      try {
        state.dirty = false;
        const deliveries = await claimDeliveries(BATCH);
        if (!deliveries.length) {
          if (state.dirty) continue;
          return;
        }
        // A full batch means a backlog: bring in another processor, up to the limit.
        if (deliveries.length === BATCH && state.active < state.concurrency) void drain();
        await processClaimed(deliveries);
      } finally {
        if (held) {
          state.heldBatchInFlight = false;
          state.lastProgressAt = Date.now();
        }
      }
    }
  } catch (error) {
    logger.error({ err: error }, "webhook worker could not claim deliveries");
  } finally {
    state.active--;
    if (state.active === 0) for (const resolve of state.idle.splice(0)) resolve();
  }
}

/**
 * The claimed deliveries in the order they must take effect: grouped by shop (shops share no state), and
 * within a shop runs of consecutive order deliveries, each other delivery a step of its own.
 */
export function processingSteps(deliveries: readonly StoredDelivery[]): StoredDelivery[][] {
  const byShop = new Map<string, StoredDelivery[]>();
  // In the order they were recorded (an UPDATE … RETURNING does not keep the claim's ORDER BY).
  const sorted = [...deliveries].sort((a, b) => (BigInt(a.id) < BigInt(b.id) ? -1 : BigInt(a.id) > BigInt(b.id) ? 1 : 0));
  for (const d of sorted) {
    if (!byShop.has(d.shopDomain)) byShop.set(d.shopDomain, []);
    byShop.get(d.shopDomain)!.push(d);
  }
  const steps: StoredDelivery[][] = [];
  for (const list of byShop.values()) {
    let run: StoredDelivery[] = [];
    for (const d of list) {
      if (ORDER_TOPICS.has(d.topic)) {
        run.push(d);
        continue;
      }
      if (run.length) steps.push(run);
      run = [];
      steps.push([d]);
    }
    if (run.length) steps.push(run);
  }
  return steps;
}

/**
 * Processes claimed deliveries: a run of a shop's order deliveries as one batch (one transaction, set-based
 * statements), which ends in the state processing them one by one reaches; when the batch cannot be applied
 * as one (or fails), its deliveries go one by one, each failing or succeeding on its own.
 */
async function processClaimed(deliveries: readonly StoredDelivery[]): Promise<void> {
  for (const step of processingSteps(deliveries)) {
    if (step.length > 1) {
      try {
        if (
          await processOrderBatch(
            step[0].shopDomain,
            step.map((d) => d.payload),
          )
        ) {
          await markDeliveriesProcessed(step.map((d) => d.id));
          state.lastProgressAt = Date.now();
          for (const d of step) count("webhookProcessed", { topic: d.topic });
          continue;
        }
      } catch (error) {
        const context = { shop: step[0].shopDomain, deliveries: step.length, err: error };
        if (error instanceof OrderBatchNotApplicable) logger.debug(context, "order batch processed one by one");
        else logger.warn(context, "order batch failed; processing its deliveries one by one");
      }
    }
    for (const delivery of step) await processOne(delivery);
  }
}

async function processOne(delivery: StoredDelivery): Promise<void> {
  try {
    await processWebhook(delivery.shopDomain, delivery.topic, delivery.payload);
    await markDeliveryProcessed(delivery.id);
    state.lastProgressAt = Date.now();
    count("webhookProcessed", { topic: delivery.topic });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const dead = delivery.attempts >= MAX_DELIVERY_ATTEMPTS;
    const context = { shop: delivery.shopDomain, topic: delivery.topic, webhookId: delivery.webhookId, attempts: delivery.attempts, err: error };
    logger.error(context, dead ? "webhook processing failed; delivery dead-lettered" : "webhook processing failed; will retry");
    await markDeliveryFailed(delivery.id, delivery.attempts, message).catch(() => undefined);
    count("webhookFailed", { topic: delivery.topic });
  }
}

/** Starts processing recorded deliveries in this thread with up to `concurrency` parallel processors. */
export function startWebhookWorker(concurrency = 4): void {
  if (state.running) return;
  state.running = true;
  state.concurrency = concurrency;
  const tick = () => {
    wakeWebhookWorker();
    state.timer = setTimeout(tick, POLL_MS);
    state.timer.unref();
  };
  tick();
}

/** Sends wake-ups and burst signals to a worker running in another process instead of this one's. */
export function forwardWakeUps(send: (message: WorkerMessage) => void): void {
  state.remote = send;
}

/** Tells this process's worker that deliveries are arriving in a burst (from the HTTP process). */
export function holdForBurst(): void {
  state.pressureUntil = Date.now() + PRESSURE_HOLD_MS;
}

/**
 * Counts a recorded delivery; above BURST_PER_WINDOW in a window, processing yields to answering for a
 * moment (docs/decisions/003): Shopify wants its 200 fast, and the backlog is processed right after.
 */
export function noteDeliveryReceived(): void {
  const now = Date.now();
  if (now - state.burstWindowStart > BURST_WINDOW_MS) {
    state.burstWindowStart = now;
    state.burstCount = 0;
  }
  if (++state.burstCount !== BURST_PER_WINDOW) return;
  if (state.remote) state.remote("pressure");
  else holdForBurst();
}

/** Asks the worker to look for deliveries now (called right after one is recorded). Cheap and coalesced. */
export function wakeWebhookWorker(): void {
  if (state.remote) {
    if (state.remoteWakePending) return;
    state.remoteWakePending = true;
    setImmediate(() => {
      state.remoteWakePending = false;
      state.remote?.("wake");
    });
    return;
  }
  if (!state.running) return;
  if (state.active > 0) state.dirty = true;
  else void drain();
}

/** Stops the worker and waits for deliveries in progress to finish. */
export async function stopWebhookWorker(): Promise<void> {
  state.running = false;
  clearTimeout(state.timer);
  if (state.active > 0) await new Promise<void>((resolve) => state.idle.push(resolve));
}
