/**
 * The largest price, pool reserve or factor of them the engine accepts from its inputs: far above
 * any real one, and far enough below 1.8e308, the last finite double, that the products of a run
 * (amounts × prices, price impact, sums over a million positions) stay finite.
 */
export const MAX_MAGNITUDE = 1e100;

/** The smallest fundamental price a scenario may take an asset to (its reciprocal bound). */
export const MIN_MAGNITUDE = 1e-100;

/** x to 3 significant digits for a message; past the last finite double, said so. */
export function approx(x: number): string {
  return Number.isFinite(x) ? String(Number(x.toPrecision(3))) : 'more than 1.8e+308';
}
