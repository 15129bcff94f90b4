// The benchmark report: sections of rows {metric, value, baseline?, target?}, printed as one table per
// section with the ratio to the baseline and PASS/MISS against each target. Sections added later
// (redemption latency, widget sizes, web vitals, app-proxy latency) only produce rows.

/**
 * What a row must meet. Absolute bounds compare the value; `minRatio`/`maxRatio` compare value / baseline;
 * `equals` is for correctness checks, whose failure is a FAIL (the run exits non-zero), not a MISS.
 */
export type Target = {
  min?: number;
  max?: number;
  minRatio?: number;
  maxRatio?: number;
  equals?: number | string;
};

export type Row = {
  metric: string;
  value: number | string | null;
  /** Unit printed after numbers: "/s", "ms", "s", "KiB", "" (a count). */
  unit?: string;
  baseline?: number | null;
  target?: Target;
};

export type Section = {
  title: string;
  /** What the numbers are (load, sizes, machine), printed under the title. */
  description?: string[];
  rows: Row[];
  /** Findings printed after the table. */
  notes?: string[];
  /** Free text printed verbatim after the notes (profiles, histograms). */
  appendix?: string[];
};

export type Verdict = "PASS" | "MISS" | "FAIL" | "";

/** The ratio value / baseline, or null when there is no baseline to compare with. */
export function ratioOf(row: Row): number | null {
  if (typeof row.value !== "number" || row.baseline === undefined || row.baseline === null || row.baseline === 0) return null;
  return row.value / row.baseline;
}

/** PASS when every bound of the row's target holds, MISS when one does not, FAIL when a correctness check fails. */
export function verdictOf(row: Row): Verdict {
  const t = row.target;
  if (!t) return "";
  if (t.equals !== undefined) return row.value === t.equals ? "PASS" : "FAIL";
  if (typeof row.value !== "number") return "MISS";
  const ratio = ratioOf(row);
  const checks = [
    t.min === undefined || row.value >= t.min,
    t.max === undefined || row.value < t.max,
    t.minRatio === undefined || (ratio !== null && ratio >= t.minRatio),
    t.maxRatio === undefined || (ratio !== null && ratio <= t.maxRatio),
  ];
  return checks.every(Boolean) ? "PASS" : "MISS";
}

/** A number formatted for the table: thousands separators, fewer decimals as it grows. */
export function formatNumber(value: number, unit = ""): string {
  const digits = Math.abs(value) >= 100 || Number.isInteger(value) ? 0 : Math.abs(value) >= 10 ? 1 : 2;
  const text = value.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits });
  return unit ? `${text} ${unit}` : text;
}

function formatValue(value: number | string | null | undefined, unit?: string): string {
  if (value === null || value === undefined) return "-";
  return typeof value === "number" ? formatNumber(value, unit) : value;
}

/** The target in words, e.g. "≥ 1,000 /s, ≥ 50% of baseline". */
export function describeTarget(row: Row): string {
  const t = row.target;
  if (!t) return "";
  const parts: string[] = [];
  if (t.equals !== undefined) parts.push(`= ${formatValue(t.equals, row.unit)}`);
  if (t.min !== undefined) parts.push(`≥ ${formatNumber(t.min, row.unit)}`);
  if (t.max !== undefined) parts.push(`< ${formatNumber(t.max, row.unit)}`);
  if (t.minRatio !== undefined) parts.push(`≥ ${Math.round(t.minRatio * 100)}% of baseline`);
  if (t.maxRatio !== undefined) parts.push(`≤ ${t.maxRatio}× baseline`);
  return parts.join(", ");
}

function table(header: string[], lines: string[][], rightAligned: Set<number>): string {
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i].length)));
  const render = (cells: string[]) =>
    cells
      .map((c, i) => (rightAligned.has(i) ? c.padStart(widths[i]) : c.padEnd(widths[i])))
      .join(" | ")
      .trimEnd();
  return [render(header), widths.map((w) => "-".repeat(w)).join("-|-"), ...lines.map(render)].join("\n");
}

/** The section as printable text: title, description, the table, notes. */
export function renderSection(section: Section, subject = "Loyalist"): string {
  const lines = section.rows.map((row) => {
    const ratio = ratioOf(row);
    return [
      row.metric,
      formatValue(row.value, row.unit),
      formatValue(row.baseline, row.unit),
      ratio === null ? "" : `${ratio.toFixed(2)}×`,
      describeTarget(row),
      verdictOf(row),
    ];
  });
  const out = [`== ${section.title} ==`];
  for (const d of section.description ?? []) out.push(`   ${d}`);
  out.push("");
  out.push(table(["metric", subject, "baseline", "ratio", "target", "result"], lines, new Set([1, 2, 3])));
  if (section.notes?.length) {
    out.push("");
    for (const n of section.notes) out.push(`   - ${n}`);
  }
  if (section.appendix?.length) out.push("", ...section.appendix);
  return out.join("\n");
}

/** Counts of each verdict over all sections. */
export function tally(sections: readonly Section[]): Record<Exclude<Verdict, "">, number> {
  const counts = { PASS: 0, MISS: 0, FAIL: 0 };
  for (const s of sections)
    for (const r of s.rows) {
      const v = verdictOf(r);
      if (v) counts[v]++;
    }
  return counts;
}

/** Sections as JSON-ready data (with ratio and verdict filled in), for --json. */
export function toJson(sections: readonly Section[]) {
  return sections.map((s) => ({
    ...s,
    rows: s.rows.map((r) => ({ ...r, ratio: ratioOf(r), verdict: verdictOf(r) || null })),
  }));
}
