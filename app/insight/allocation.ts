// Merchandise allocation: what each location sells of each category against what the chain-wide mix predicts.

/** One location × category total from the rollups: money sold and units sold. */
export type CellTotal = { locationId: string; category: string; actualMinor: number; units: number };

export type AllocationCell = {
  locationId: string;
  category: string;
  actualMinor: number;
  expectedMinor: number;
  /** actual / expected − 1 (−0.3: 30% under what the chain's mix predicts). */
  gapRatio: number;
  /** Adjusted (standardised) residual of the cell. */
  residual: number;
  flagged: boolean;
  /** Money the location would add by selling the category at the chain's rate (0 when it already does). */
  gapWorthMinor: number;
};

/**
 * Conservative, because the lines of one basket are not independent: |adjusted residual| at least this
 * (p < 0.0001 for a single cell under independence)...
 */
export const FLAG_RESIDUAL = 4;
/** ...and a gap large enough to matter to a merchant. */
export const FLAG_GAP = 0.1;

/**
 * Expected money = location volume × chain-wide category share. Significance is Haberman's adjusted residual of
 * the same cell in the table of units sold (a count, where the residual's null distribution is known); a cell is
 * flagged when units and money agree on a large gap.
 */
export function allocationCells(totals: readonly CellTotal[]): AllocationCell[] {
  const money = margins(totals, (t) => t.actualMinor);
  const units = margins(totals, (t) => t.units);
  if (money.grand <= 0) return [];
  const cells: AllocationCell[] = [];
  for (const locationId of money.rows.keys()) {
    for (const category of money.cols.keys()) {
      const cell = totals.find((t) => t.locationId === locationId && t.category === category);
      const actualMinor = cell?.actualMinor ?? 0;
      const expected = ((money.rows.get(locationId) ?? 0) * (money.cols.get(category) ?? 0)) / money.grand;
      const residual = adjustedResidual(cell?.units ?? 0, units.rows.get(locationId) ?? 0, units.cols.get(category) ?? 0, units.grand);
      const gapRatio = expected > 0 ? actualMinor / expected - 1 : 0;
      cells.push({
        locationId,
        category,
        actualMinor,
        expectedMinor: Math.round(expected),
        gapRatio,
        residual,
        flagged: Math.abs(residual) >= FLAG_RESIDUAL && Math.abs(gapRatio) >= FLAG_GAP && Math.sign(residual) === Math.sign(gapRatio),
        gapWorthMinor: Math.max(0, Math.round(expected) - actualMinor),
      });
    }
  }
  return cells.sort((a, b) => a.gapRatio - b.gapRatio || a.locationId.localeCompare(b.locationId) || a.category.localeCompare(b.category));
}

function margins(totals: readonly CellTotal[], value: (t: CellTotal) => number) {
  const rows = new Map<string, number>();
  const cols = new Map<string, number>();
  let grand = 0;
  for (const t of totals) {
    rows.set(t.locationId, (rows.get(t.locationId) ?? 0) + value(t));
    cols.set(t.category, (cols.get(t.category) ?? 0) + value(t));
    grand += value(t);
  }
  return { rows, cols, grand };
}

/** Haberman's adjusted residual of one cell of a two-way table of counts (0 when the margins leave no variance). */
export function adjustedResidual(observed: number, row: number, col: number, grand: number): number {
  if (grand <= 0) return 0;
  const expected = (row * col) / grand;
  const variance = expected * (1 - row / grand) * (1 - col / grand);
  return variance > 0 ? (observed - expected) / Math.sqrt(variance) : 0;
}

// --- The locations analysis's answer (app/insight/locations.server.ts) ---

export type LocationCell = { locationId: string; location: string | null } & Omit<AllocationCell, "locationId">;

export type Locations = {
  cells: LocationCell[];
  /** Money the flagged under-selling cells would add at the chain's mix. */
  gapWorthMinor: number;
};
