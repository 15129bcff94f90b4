/** Shopify's GraphQL rate limit: a leaky bucket of cost points per shop (2000 max, 100 restored per second). */

export interface ThrottleStatus {
  maximumAvailable: number;
  currentlyAvailable: number;
  restoreRate: number;
}
export interface ThrottleOptions {
  maximumAvailable?: number;
  restoreRate?: number;
}

/** One shop's cost bucket. */
export class LeakyBucket {
  private available: number;
  private at: number;

  constructor(
    readonly maximumAvailable: number,
    readonly restoreRate: number,
    now: number,
  ) {
    this.available = maximumAvailable;
    this.at = now;
  }

  private refill(now: number): void {
    this.available = Math.min(this.maximumAvailable, this.available + ((now - this.at) / 1000) * this.restoreRate);
    this.at = now;
  }

  /** The bucket as Shopify reports it in `extensions.cost.throttleStatus`. */
  status(now: number): ThrottleStatus {
    this.refill(now);
    return { maximumAvailable: this.maximumAvailable, currentlyAvailable: Math.floor(this.available), restoreRate: this.restoreRate };
  }

  /** Takes `cost` points if available; false (and nothing taken) when the request must be throttled. */
  take(cost: number, now: number): boolean {
    this.refill(now);
    if (cost > this.available) return false;
    this.available -= cost;
    return true;
  }

  /** Gives back points (requested minus actual cost after execution). */
  give(points: number, now: number): void {
    this.refill(now);
    this.available = Math.min(this.maximumAvailable, this.available + Math.max(0, points));
  }

  /** Sets the points available now (tests: drain the bucket). */
  set(points: number, now: number): void {
    this.available = Math.max(0, Math.min(this.maximumAvailable, points));
    this.at = now;
  }
}

/** A bucket per shop. */
export class ThrottleRegistry {
  private readonly buckets = new Map<string, LeakyBucket>();

  constructor(private readonly options: ThrottleOptions = {}) {}

  /** The bucket of a shop (created full). */
  bucket(shop: string, now: number): LeakyBucket {
    let bucket = this.buckets.get(shop);
    if (!bucket) {
      bucket = new LeakyBucket(this.options.maximumAvailable ?? 2000, this.options.restoreRate ?? 100, now);
      this.buckets.set(shop, bucket);
    }
    return bucket;
  }
}
