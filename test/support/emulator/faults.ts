/** Fault injection: make the next matching Admin API calls fail the ways Shopify (or the network) can. */

export type FaultKind = "http500" | "http503" | "throttled" | "timeout" | "network";

export interface FaultSpec {
  /** Root field name to match (e.g. "discountCodeBasicCreate"); any operation when omitted. */
  operation?: string;
  /** Shop domain to match; any shop when omitted. */
  shop?: string;
  kind: FaultKind;
  /** How many matching requests fail (default 1; Infinity for all). */
  times?: number;
  /** Run the operation (a mutation takes effect) and then fail the response: "Shopify did it but the answer got lost". */
  afterApply?: boolean;
  /** For "timeout": how long to hold the response before dropping the connection (default: until the emulator closes). */
  holdMs?: number;
}

interface ActiveFault extends FaultSpec {
  remaining: number;
}

/** Armed faults, consumed by matching Admin API requests. */
export class FaultInjector {
  private faults: ActiveFault[] = [];

  /** Arms a fault. */
  inject(spec: FaultSpec): void {
    this.faults.push({ ...spec, remaining: spec.times ?? 1 });
  }

  /** Disarms every fault. */
  clear(): void {
    this.faults = [];
  }

  /** Faults still armed. */
  pending(): FaultSpec[] {
    return this.faults.map(({ remaining, ...spec }) => ({ ...spec, times: remaining }));
  }

  /** Consumes and returns the first fault matching this request, if any. */
  take(shop: string, rootFields: string[]): FaultSpec | null {
    const fault = this.faults.find((f) => (!f.shop || f.shop === shop) && (!f.operation || rootFields.includes(f.operation)));
    if (!fault) return null;
    fault.remaining -= 1;
    if (fault.remaining <= 0) this.faults = this.faults.filter((f) => f !== fault);
    return fault;
  }
}
