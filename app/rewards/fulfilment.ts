// A fulfilment task's life, pure (the page's badges read it; fulfilment.server.ts moves tasks through it).
export const FULFILMENT_STATUSES = ["open", "completed", "cancelled"] as const;
export type FulfilmentStatus = (typeof FULFILMENT_STATUSES)[number];
