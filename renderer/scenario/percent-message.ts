/**
 * The engine's message on a fraction (−0.3, 1.5) in the units of a field that shows it as a
 * percent (−30, 150): "must be a number > −1, got -1.5" → "must be more than −100%, got −150%".
 */
export function inPercent(message: string): string {
  return message
    .replace('must be a number > −1', 'must be more than −100%')
    .replace('must be a fraction from 0 to 1', 'must be from 0% to 100%')
    .replace(/got (-?\d+(?:\.\d+)?(?:e[-+]?\d+)?)$/i, (_, v: string) => `got ${percentText(Number(v))}`);
}

function percentText(fraction: number): string {
  const p = Number((fraction * 100).toPrecision(12));
  return `${p < 0 ? '−' : ''}${Math.abs(p)}%`;
}
