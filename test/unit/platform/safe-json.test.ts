// The one JSON reader every door uses: it takes what can be stored and refuses, with a reason, what
// PostgreSQL or a recursive reader cannot take.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isStorableText, MAX_JSON_DEPTH, parseJsonSafely } from "~/platform/safe-json";
import { acceptedOddJsonText, anyCodeUnits, hugeNumber, invalidUtf8Body, nestedJson, refusedJsonText, unstorableEscape } from "../../support/hostile";

const storable = (s: string) => isStorableText(s);

describe("parseJsonSafely", () => {
  it("GIVEN any JSON value with storable strings THEN it reads back exactly what JSON.parse reads", () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 8 }), (value) => {
        const text = JSON.stringify(value);
        fc.pre(storable(text));
        const read = parseJsonSafely(Buffer.from(text, "utf8"));
        expect(read).toEqual({ ok: true, value: JSON.parse(text), text });
      }),
      { numRuns: 300 },
    );
  });

  it("GIVEN odd but storable JSON (duplicate keys, pairs, control escapes, 64 levels) THEN it is taken", () => {
    fc.assert(
      fc.property(acceptedOddJsonText, (text) => {
        expect(parseJsonSafely(text)).toMatchObject({ ok: true });
      }),
    );
    expect(parseJsonSafely('{"a":1,"a":2}')).toMatchObject({ ok: true, value: { a: 2 } });
  });

  it("GIVEN a string or key with a NUL or a lone surrogate anywhere THEN it is refused as unrepresentable", () => {
    fc.assert(
      fc.property(anyCodeUnits, fc.constantFrom("\u0000", "\ud800", "\udbff", "\udc00", "\udfff"), anyCodeUnits, fc.boolean(), (before, unit, after, inKey) => {
        // "x" on each side keeps the unit unpaired whatever the generated neighbours are.
        const bad = `${before}x${unit}x${after}`;
        const text = JSON.stringify(inKey ? { [bad]: 1 } : { note: [bad] });
        expect(parseJsonSafely(text)).toEqual({ ok: false, code: "unrepresentable_string" });
      }),
      { numRuns: 300 },
    );
    fc.assert(
      fc.property(unstorableEscape, (escape) => {
        expect(parseJsonSafely(`["${escape}"]`)).toEqual({ ok: false, code: "unrepresentable_string" });
      }),
    );
  });

  it("GIVEN an escaped backslash before u0000 (the text \\u0000, not NUL) THEN it is taken", () => {
    expect(parseJsonSafely('{"a":"\\\\u0000"}')).toEqual({ ok: true, value: { a: "\\u0000" }, text: '{"a":"\\\\u0000"}' });
  });

  it("GIVEN nesting past the bound THEN it is refused as too deep, at the bound it is taken", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 200 }), fc.constantFrom<"array" | "object">("array", "object"), (depth, kind) => {
        const read = parseJsonSafely(nestedJson(depth, kind));
        expect(read.ok).toBe(depth <= MAX_JSON_DEPTH);
        if (!read.ok) expect(read.code).toBe("too_deep");
      }),
    );
    expect(parseJsonSafely(nestedJson(100_000, "array"))).toEqual({ ok: false, code: "too_deep" });
  });

  it("GIVEN brackets inside strings THEN they do not count as nesting", () => {
    expect(parseJsonSafely(JSON.stringify({ a: "[".repeat(1000) }))).toMatchObject({ ok: true });
  });

  it("GIVEN a number no column can hold THEN it is refused", () => {
    fc.assert(
      fc.property(hugeNumber, (n) => {
        expect(parseJsonSafely(`{"a":[${n}]}`)).toEqual({ ok: false, code: "number_out_of_range" });
      }),
    );
  });

  it("GIVEN bytes that are not UTF-8 THEN they are refused, not silently replaced", () => {
    fc.assert(
      fc.property(invalidUtf8Body, (body) => {
        expect(parseJsonSafely(body)).toEqual({ ok: false, code: "invalid_utf8" });
      }),
    );
  });

  it("GIVEN any text it refuses THEN it never throws and always says why", () => {
    fc.assert(
      fc.property(refusedJsonText, (text) => {
        const read = parseJsonSafely(text);
        expect(read.ok).toBe(false);
      }),
      { numRuns: 200 },
    );
  });
});

describe("isStorableText", () => {
  it("is false exactly when the text has a NUL or an unpaired surrogate", () => {
    fc.assert(
      fc.property(anyCodeUnits, (text) => {
        const units = [...text].map((ch) => ch.codePointAt(0)!);
        // Spreading a string splits it into code points: a pair becomes one point above 0xFFFF.
        const bad = units.some((u) => u === 0 || (u >= 0xd800 && u <= 0xdfff));
        expect(isStorableText(text)).toBe(!bad);
      }),
      { numRuns: 500 },
    );
  });
});
