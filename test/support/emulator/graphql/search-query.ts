/**
 * Shopify's search syntax for `query:` arguments: `field:value`, comparisons (`updated_at:>='2024-01-01'`),
 * quotes, `-field:value` / `NOT`, implicit AND, `OR`, trailing `*` prefix match, and bare words (default fields).
 */
import type { SearchWarning } from "./context";

export type Comparator = "=" | ">" | ">=" | "<" | "<=";

export interface SearchTerm {
  field: string | null;
  comparator: Comparator;
  value: string;
  negated: boolean;
}

/** OR of AND-groups. */
export type SearchQuery = SearchTerm[][];

/** A field's value(s) on an item; a list matches when any element matches. */
export type FieldAccessor<T> = (item: T) => unknown;

export interface SearchFields<T> {
  fields: Record<string, FieldAccessor<T>>;
  defaultFields: string[];
}

function tokenize(query: string): string[] {
  const tokens: string[] = [];
  let current = "";
  let quote: string | null = null;
  for (const ch of query) {
    if (quote) {
      current += ch;
      if (ch === quote) quote = null;
    } else if (ch === "'" || ch === '"') {
      quote = ch;
      current += ch;
    } else if (/\s/.test(ch) || ch === "(" || ch === ")") {
      if (current) tokens.push(current);
      current = "";
    } else {
      current += ch;
    }
  }
  if (current) tokens.push(current);
  return tokens;
}

function unquote(value: string): string {
  return /^(['"]).*\1$/.test(value) ? value.slice(1, -1) : value;
}

function parseTerm(token: string, negated: boolean): SearchTerm {
  let raw = token;
  if (raw.startsWith("-")) {
    negated = !negated;
    raw = raw.slice(1);
  }
  const colon = raw.indexOf(":");
  if (colon <= 0 || /^['"]/.test(raw)) return { field: null, comparator: "=", value: unquote(raw), negated };
  const field = raw.slice(0, colon).toLowerCase();
  let rest = raw.slice(colon + 1);
  let comparator: Comparator = "=";
  const op = /^(>=|<=|>|<)/.exec(rest);
  if (op) {
    comparator = op[1] as Comparator;
    rest = rest.slice(op[1].length);
  }
  return { field, comparator, value: unquote(rest), negated };
}

/** Parses a search string into OR-ed groups of AND-ed terms. */
export function parseSearchQuery(query: string): SearchQuery {
  const groups: SearchQuery = [[]];
  let negateNext = false;
  for (const token of tokenize(query)) {
    if (token === "AND") continue;
    if (token === "OR") {
      groups.push([]);
      continue;
    }
    if (token === "NOT") {
      negateNext = true;
      continue;
    }
    groups[groups.length - 1].push(parseTerm(token, negateNext));
    negateNext = false;
  }
  return groups.filter((g) => g.length > 0);
}

function asTime(value: unknown): number | null {
  if (value instanceof Date) return value.getTime();
  if (typeof value !== "string" || !/^\d{4}-\d{2}-\d{2}/.test(value)) return null;
  const t = Date.parse(value);
  return Number.isNaN(t) ? null : t;
}

function compare(actual: unknown, term: SearchTerm): boolean {
  if (actual === null || actual === undefined) return false;
  const wanted = term.value;
  const actualTime = asTime(actual);
  const wantedTime = asTime(wanted);
  let order: number;
  if (actualTime !== null && wantedTime !== null) {
    order = Math.sign(actualTime - wantedTime);
  } else if (typeof actual === "number" || typeof actual === "boolean") {
    const n = typeof actual === "boolean" ? String(actual) === wanted.toLowerCase() : null;
    if (n !== null) return term.comparator === "=" ? n : false;
    order = Math.sign((actual as number) - Number(wanted));
  } else {
    const a = String(actual).toLowerCase();
    const w = wanted.toLowerCase();
    if (term.comparator === "=") return w.endsWith("*") ? a.startsWith(w.slice(0, -1)) : a === w;
    order = a < w ? -1 : a > w ? 1 : 0;
  }
  switch (term.comparator) {
    case "=":
      return order === 0;
    case ">":
      return order > 0;
    case ">=":
      return order >= 0;
    case "<":
      return order < 0;
    case "<=":
      return order <= 0;
  }
}

function matchesTerm<T>(item: T, term: SearchTerm, spec: SearchFields<T>): boolean {
  const accessors = term.field === null ? spec.defaultFields.map((f) => spec.fields[f]) : [spec.fields[term.field]];
  const values = accessors.flatMap((get) => {
    const v = get(item);
    return Array.isArray(v) ? v : [v];
  });
  const word = term.value.toLowerCase().replace(/\*$/, "");
  const hit = values.some((v) =>
    term.field === null
      ? String(v ?? "")
          .toLowerCase()
          .includes(word)
      : compare(v, term),
  );
  return term.negated ? !hit : hit;
}

/** Filters `items` by a Shopify search string; unknown fields are ignored and reported as warnings, like Shopify does. */
export function applySearch<T>(items: readonly T[], query: string | null | undefined, spec: SearchFields<T>, warnings: SearchWarning[] = []): T[] {
  if (!query || !query.trim()) return [...items];
  const groups = parseSearchQuery(query).map((group) =>
    group.filter((term) => {
      if (term.field === null || term.field in spec.fields) return true;
      warnings.push({ field: term.field, message: "Invalid search field for this query." });
      return false;
    }),
  );
  return items.filter((item) => groups.some((group) => group.every((term) => matchesTerm(item, term, spec))));
}
