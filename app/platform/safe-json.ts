// The one JSON reader for every door (webhooks, app proxy, admin): it refuses, before anything is parsed
// or stored, what JSON.parse would take but PostgreSQL or our processing cannot: invalid UTF-8, NUL and
// lone surrogates in strings or keys (jsonb and text reject them), nesting deeper than a real payload
// (a deep document exhausts the database's stack), and numbers no column can hold.

/** No Shopify or widget payload nests anywhere near this deep. */
export const MAX_JSON_DEPTH = 64;

/** Longest number literal accepted; real ids and amounts are at most ~25 characters. */
const MAX_NUMBER_LENGTH = 64;

/** Exponents past these overflow a double (or underflow below its smallest, 5e-324) and may overflow PostgreSQL's numeric. */
const MAX_EXPONENT = 308;
const MIN_EXPONENT = -400;

export type JsonRejection = "invalid_utf8" | "malformed_json" | "too_deep" | "unrepresentable_string" | "number_out_of_range";

/** What each refusal means, for the error message of a 400 (developers read these, not shoppers). */
export const JSON_REJECTION_MESSAGES: Record<JsonRejection, string> = {
  invalid_utf8: "it is not valid UTF-8",
  malformed_json: "it is not valid JSON",
  too_deep: `it nests deeper than ${MAX_JSON_DEPTH} levels`,
  unrepresentable_string: "a string holds a NUL character or a lone surrogate",
  number_out_of_range: "a number is out of range",
};

export type SafeJsonResult = { ok: true; value: unknown; text: string } | { ok: false; code: JsonRejection };

const utf8 = new TextDecoder("utf-8", { fatal: true });

/** The value of four hex digits at `at`, or a negative number when they are not hex. */
function hex4(text: string, at: number): number {
  let unit = 0;
  for (let k = at; k < at + 4; k++) {
    const c = text.charCodeAt(k) | 0x20; // lower case for letters; digits keep their codes
    const digit = c >= 0x30 && c <= 0x39 ? c - 0x30 : c >= 0x61 && c <= 0x66 ? c - 0x57 : -1;
    if (digit < 0) return -1;
    unit = (unit << 4) | digit;
  }
  return unit;
}

/**
 * The first reason `text` must be refused, or null; malformed JSON itself is left to JSON.parse.
 * One pass over the characters, skipping string contents except escapes: this runs on every webhook,
 * and it costs less than JSON.parse itself (an earlier version with whole-text regular expressions cost
 * more than the parse; npm run bench).
 */
export function jsonTextProblem(text: string, maxDepth = MAX_JSON_DEPTH, decodedUtf8 = false): JsonRejection | null {
  // Raw lone surrogates: text decoded from UTF-8 cannot hold them (and JSON.parse refuses a raw NUL).
  if (!decodedUtf8 && !isStorableText(text)) return "unrepresentable_string";
  const n = text.length;
  let depth = 0;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22) {
      // A string: only \u escapes matter (NUL, lone surrogates); other escapes are skipped whole.
      for (i++; i < n; i++) {
        const d = text.charCodeAt(i);
        if (d === 0x22) break;
        if (d !== 0x5c) continue;
        if (text.charCodeAt(++i) !== 0x75) continue;
        const unit = hex4(text, i + 1);
        if (unit < 0) return null; // a broken escape: JSON.parse refuses it as malformed
        i += 4;
        if (unit === 0 || (unit >= 0xdc00 && unit <= 0xdfff)) return "unrepresentable_string";
        if (unit >= 0xd800 && unit <= 0xdbff) {
          // A high surrogate must be followed at once by an escaped low one.
          const low = text.charCodeAt(i + 1) === 0x5c && text.charCodeAt(i + 2) === 0x75 ? hex4(text, i + 3) : -1;
          if (low < 0xdc00 || low > 0xdfff) return "unrepresentable_string";
          i += 6;
        }
      }
    } else if (c === 0x7b || c === 0x5b) {
      if (++depth > maxDepth) return "too_deep";
    } else if (c === 0x7d || c === 0x5d) {
      depth--;
    } else if (c === 0x2d || (c >= 0x30 && c <= 0x39)) {
      const start = i;
      let exponentAt = -1;
      for (i++; i < n; i++) {
        const d = text.charCodeAt(i);
        if (d === 0x65 || d === 0x45) exponentAt = i;
        else if (!((d >= 0x30 && d <= 0x39) || d === 0x2e || d === 0x2b || d === 0x2d)) break;
      }
      // Only a long digit run or an exponent can be out of range.
      if ((i - start >= 20 || exponentAt >= 0) && numberTooBig(text.slice(start, i))) return "number_out_of_range";
      i--;
    }
  }
  return null;
}

function numberTooBig(literal: string): boolean {
  if (literal.length > MAX_NUMBER_LENGTH || !Number.isFinite(Number(literal))) return true;
  const exponent = /[eE]([+-]?\d+)$/.exec(literal);
  return exponent !== null && (Number(exponent[1]) > MAX_EXPONENT || Number(exponent[1]) < MIN_EXPONENT);
}

/**
 * Parses a JSON body that every later step (zod, PostgreSQL's jsonb, processing) can take, or says why
 * not. Duplicate keys keep their last value, as both JSON.parse and jsonb do, so what is validated is
 * what is stored. An empty body is refused: callers decide whether "nothing" means `{}`.
 */
export function parseJsonSafely(body: Uint8Array | string, maxDepth = MAX_JSON_DEPTH): SafeJsonResult {
  let text: string;
  if (typeof body === "string") text = body;
  else {
    try {
      text = utf8.decode(body);
    } catch {
      return { ok: false, code: "invalid_utf8" };
    }
  }
  const problem = jsonTextProblem(text, maxDepth, typeof body !== "string");
  if (problem) return { ok: false, code: problem };
  try {
    return { ok: true, value: JSON.parse(text) as unknown, text };
  } catch {
    return { ok: false, code: "malformed_json" };
  }
}

/** True when `value` is text PostgreSQL can store: no NUL and no lone surrogate (form fields, query values). */
export function isStorableText(value: string): boolean {
  return !/\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(value);
}
