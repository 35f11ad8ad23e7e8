/** Keeps the `keep` largest series (by total) and sums the rest into one named `other`. */
export function topSeries(names: readonly string[], values: readonly Float64Array[], keep: number, other: string): { names: string[]; values: number[][] } {
  const totals = values.map((v) => v.reduce((s, x) => s + Math.abs(x), 0));
  const order = names.map((_, i) => i).filter((i) => (totals[i] as number) > 0);
  order.sort((i, j) => (totals[j] as number) - (totals[i] as number) || (names[i] as string).localeCompare(names[j] as string));
  const shown = order.length <= keep ? order : order.slice(0, keep - 1);
  const rest = order.slice(shown.length);
  const outNames = shown.map((i) => names[i] as string);
  const outValues = shown.map((i) => Array.from(values[i] as Float64Array));
  if (rest.length > 0) {
    const len = (values[rest[0] as number] as Float64Array).length;
    const sum = new Float64Array(len);
    for (const i of rest) {
      const v = values[i] as Float64Array;
      for (let k = 0; k < len; k++) sum[k] = (sum[k] as number) + (v[k] as number);
    }
    outNames.push(`${other} (${rest.length})`);
    outValues.push(Array.from(sum));
  }
  return { names: outNames, values: outValues };
}
