// A bulk operation's result as Shopify writes it for the backfill's query (BACKFILL_ORDERS_BULK_QUERY, grouped):
// one order object, then its line items with `__parentId`, for `orders` orders over the past year. Deterministic
// (a small LCG), so the bench can check what landed. Run as a process, it serves the file over HTTP, streamed
// as it is generated (the download side of a 1M-order backfill is not held in anyone's memory):
//   node --import tsx bench/backfill-jsonl.ts <orders> <port>
import { createServer } from "node:http";

export type JsonlTotals = { orders: number; lines: number; grossMinor: number };

const PRODUCTS = 200;
const CUSTOMERS = 100_000;

/** The JSONL lines (each with its "\n") of `orders` orders ending at `end`, and the totals they add up to. */
export function* backfillJsonl(orders: number, end: Date, totals?: JsonlTotals): Generator<string> {
  let seed = 12345;
  const rand = () => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648;
  };
  const span = 365 * 86_400_000;
  for (let i = 1; i <= orders; i++) {
    const at = new Date(end.getTime() - span + Math.floor((i / orders) * (span - 60_000))).toISOString();
    const guest = rand() < 0.25;
    const customer = guest ? null : 1 + Math.floor(rand() * CUSTOMERS);
    const lineCount = 1 + Math.floor(rand() * 4);
    const orderGid = `gid://shopify/Order/${5_000_000_000_000 + i}`;
    const items: string[] = [];
    let subtotal = 0;
    for (let k = 1; k <= lineCount; k++) {
      const product = 1 + Math.floor(rand() * PRODUCTS);
      const cents = 500 + Math.floor(rand() * 5000);
      const quantity = 1 + Math.floor(rand() * 2);
      subtotal += cents * quantity;
      items.push(
        JSON.stringify({
          id: `gid://shopify/LineItem/${13_000_000_000_000 + i * 8 + k}`,
          title: `Product ${product}`,
          quantity,
          isGiftCard: false,
          product: { id: `gid://shopify/Product/${8_000_000_000_000 + product}`, productType: `Category ${product % 6}` },
          variant: { id: `gid://shopify/ProductVariant/${44_000_000_000_000 + product}` },
          originalUnitPriceSet: { shopMoney: { amount: (cents / 100).toFixed(2) } },
          discountAllocations: [],
          __parentId: orderGid,
        }) + "\n",
      );
    }
    if (totals) {
      totals.orders += 1;
      totals.lines += lineCount;
      totals.grossMinor += subtotal;
    }
    yield (
      JSON.stringify({
        id: orderGid,
        name: `#${1000 + i}`,
        email: guest ? `guest${i}@example.com` : `c${customer}@example.com`,
        createdAt: at,
        processedAt: at,
        updatedAt: at,
        cancelledAt: null,
        test: false,
        sourceName: "web",
        currencyCode: "USD",
        displayFinancialStatus: "PAID",
        displayFulfillmentStatus: "FULFILLED",
        discountCodes: [],
        currentSubtotalPriceSet: { shopMoney: { amount: (subtotal / 100).toFixed(2) } },
        physicalLocation: { id: `gid://shopify/Location/${60_000_000_000 + 1 + (i % 4)}` },
        customer:
          customer === null
            ? null
            : {
                id: `gid://shopify/Customer/${7_000_000_000_000 + customer}`,
                email: `c${customer}@example.com`,
                firstName: null,
                lastName: null,
                createdAt: null,
              },
        refunds: [],
      }) + "\n"
    );
    yield* items;
  }
}

if (process.argv[1]?.endsWith("backfill-jsonl.ts")) {
  const orders = Number(process.argv[2] ?? 1000);
  const end = new Date(process.argv[4] ?? "2026-11-30T00:00:00Z");
  const server = createServer((req, res) => {
    res.writeHead(200, { "Content-Type": "application/jsonl" });
    const lines = backfillJsonl(orders, end);
    const pump = () => {
      for (;;) {
        const next = lines.next();
        if (next.done) return void res.end();
        if (!res.write(next.value)) return void res.once("drain", pump);
      }
    };
    pump();
  });
  server.listen(Number(process.argv[3] ?? 0), "127.0.0.1", () => {
    const address = server.address();
    process.stdout.write(`${typeof address === "object" && address ? address.port : ""}\n`);
  });
}
