// Every rounding rule of the program, in one place. Points are whole numbers; money is minor units.

/**
 * Points earned for an amount of money: `pointsPerUnit` points per whole currency unit, rounded down
 * (a shopper never earns a fraction of a point; 12.99 at 1 point per unit earns 12).
 * Computed in integers: floor(minor * pointsPerUnit / 10^digits).
 */
export function pointsForMoney(minor: number, pointsPerUnit: number, digits: number): number {
  if (minor <= 0 || pointsPerUnit <= 0) return 0;
  const product = BigInt(minor) * BigInt(pointsPerUnit);
  return Number(product / 10n ** BigInt(digits));
}

/**
 * Applies bonus multipliers given in percent (100 = 1x, 150 = 1.5x), rounding the result down once.
 */
export function applyMultipliers(points: number, percents: readonly number[]): number {
  if (points <= 0) return 0;
  let numerator = BigInt(points);
  let denominator = 1n;
  for (const percent of percents) {
    numerator *= BigInt(Math.max(0, Math.trunc(percent)));
    denominator *= 100n;
  }
  return Number(numerator / denominator);
}

/**
 * Money a line keeps after part of it is refunded, proportionally and rounded down in minor units,
 * used when a refund reports quantities without amounts.
 */
export function proportionalShare(totalMinor: number, part: number, whole: number): number {
  if (whole <= 0) return 0;
  return Number((BigInt(totalMinor) * BigInt(part)) / BigInt(whole));
}
