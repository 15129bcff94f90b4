// fast-check arbitraries for hostile input, shared by the unit tests of the readers and the integration
// tests that throw them at the running app: odd JSON texts, odd query strings, odd headers.
import fc from "fast-check";
import type { Sandbox } from "./sandbox";

/** Text that JSON.parse takes but PostgreSQL cannot store: NUL or a lone surrogate, as an escape. */
export const unstorableEscape = fc.constantFrom(
  "\\u0000",
  "\\ud800",
  "\\udbff",
  "\\udc00",
  "\\udfff",
  "a\\ud800b",
  "\\ud800\\ud800",
  "\\udc00\\ud800",
  "x\\u0000y",
);

/** A JSON document nested `depth` levels deep, as arrays or objects. */
export function nestedJson(depth: number, kind: "array" | "object"): string {
  return kind === "array" ? "[".repeat(depth) + "]".repeat(depth) : '{"a":'.repeat(depth) + "1" + "}".repeat(depth);
}

/** Deep enough to exhaust a recursive reader; the tens of thousands of levels the hostile run sent. */
export const deepJson = fc
  .tuple(fc.integer({ min: 65, max: 60_000 }), fc.constantFrom<"array" | "object">("array", "object"))
  .map(([depth, kind]) => nestedJson(depth, kind));

/** Number literals that overflow a double or PostgreSQL's numeric. */
export const hugeNumber = fc.constantFrom("1e309", "-1e309", "1e1000000", "1e-1000000", "9".repeat(200), "1E400", "-0.5e-999", "2e308");

/** Puts `fragment` into a JSON text in the place `where` says: a value, a key, or deep in an array. */
export function embed(fragment: string, where: "value" | "key" | "array", asString: boolean): string {
  const literal = asString ? `"${fragment}"` : fragment;
  if (where === "key") return `{"id":1,${asString ? literal : `"${fragment}"`}:1}`;
  if (where === "array") return `{"id":1,"line_items":[{"title":${literal}}]}`;
  return `{"id":1,"note":${literal}}`;
}

/** Every kind of JSON text a reader must refuse with a 400 (never take, never crash on). */
export const refusedJsonText = fc.oneof(
  fc.tuple(unstorableEscape, fc.constantFrom<"value" | "key" | "array">("value", "key", "array")).map(([e, where]) => embed(e, where, true)),
  deepJson,
  fc.tuple(hugeNumber, fc.constantFrom<"value" | "array">("value", "array")).map(([n, where]) => embed(n, where, false)),
  fc.constantFrom("", "{", '{"a":}', "[1,]", "nul", "{'a':1}", '"\\x41"', '{"a":"\\u12"}', "\u0000", "{} {}"),
);

/** Bytes that are not UTF-8 (a JSON shell around them, so only the encoding is wrong). */
export const invalidUtf8Body = fc
  .constantFrom([0xff], [0xc0, 0x80], [0xed, 0xa0, 0x80], [0xe2, 0x82], [0xf8, 0x88, 0x80, 0x80, 0x80])
  .map((bad) => Buffer.concat([Buffer.from('{"id":1,"note":"'), Buffer.from(bad), Buffer.from('"}')]));

/** JSON texts that must be taken as they are: odd but storable (duplicate keys keep the last value, as jsonb does). */
export const acceptedOddJsonText = fc.oneof(
  fc.constantFrom(
    '{"a":1,"a":2}',
    '{"a":"\\ud83d\\ude00"}',
    '{"a":"\\u0001\\u001f"}',
    '{"a":1e308}',
    '{"a":-0}',
    '{"a":"\u2028\u2029"}',
    nestedJson(64, "array"),
  ),
  fc.jsonValue({ maxDepth: 5 }).map((v) => JSON.stringify(v)),
);

/** A value with any UTF-16 code unit, lone surrogates and NUL included. */
export const anyCodeUnits = fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)), maxLength: 12 });

/** Query-string values: empty, percent-encodings of NUL and bad UTF-8, separators, very long. */
export const oddQueryValue = fc.oneof(
  fc.constantFrom("", "%00", "%ED%A0%80", "%zz", "%", "+", "%2C", ",", "1,2", "0", "-1", "1e3", " 1", "1%20", "%EF%BF%BD", "%C0%80", "a".repeat(6000)),
  fc.string({ maxLength: 20 }).map(encodeURIComponent),
);

/** Header values: empty, very long, non-ASCII (latin1), control-free oddities. */
export const oddHeaderValue = fc.constantFrom(
  "",
  " ",
  "x".repeat(300),
  "x".repeat(8000),
  "caf\u00e9",
  "-271821-04-20T00:00:00Z",
  "+275760-09-13T00:00:00Z",
  "0000-01-01T00:00:00Z",
  "not a date",
  "1,2",
  "ORDERS/CREATE",
);

/**
 * Waits (up to 90 s) until the app's background process has processed a first delivery: on a loaded
 * machine it can still be starting when the first member is made, and `settle`'s 20 s then run out.
 */
export async function backgroundJobsRunning(sandbox: Sandbox): Promise<void> {
  const shop = sandbox.emulator.store.shopDomains()[0];
  const product = sandbox.emulator.store.addProduct(shop, { title: "Warm-up", variants: [{ price: "1.00" }] });
  await sandbox.emulator.orders.place(shop, { lines: [{ productId: product.id, variantId: product.variants[0].id, quantity: 1, price: "1.00" }] });
  await sandbox.settle(90_000);
}
