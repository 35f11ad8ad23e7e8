/**
 * Fields of a spec object that the spec does not have, each as a problem with the field meant
 * where one is near (`correlations` → `correlation`, `mean` → `means`): a misspelt field would
 * otherwise be left out silently and its default used (no correlation, no jumps).
 */
export function unknownFields(obj: Record<string, unknown>, allowed: readonly string[], where: string): string[] {
  const problems: string[] = [];
  for (const key of Object.keys(obj)) {
    if (allowed.includes(key)) continue;
    const near = nearest(key, allowed);
    problems.push(`${where}.${key}: is not a field of the spec${near ? `; did you mean ${near}?` : ''} (its fields: ${allowed.join(', ')})`);
  }
  return problems;
}

/** The allowed name within two edits of `key` (case aside), or one it is a plural or singular of. */
function nearest(key: string, allowed: readonly string[]): string | null {
  const k = key.toLowerCase();
  let best: string | null = null;
  let bestDistance = 3;
  for (const a of allowed) {
    const d = a === `${k}s` || `${a}s` === k ? 1 : distance(k, a.toLowerCase());
    if (d < bestDistance) {
      best = a;
      bestDistance = d;
    }
  }
  return best;
}

/** Levenshtein distance (names are short). */
function distance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) row[j] = Math.min((prev[j] as number) + 1, (row[j - 1] as number) + 1, (prev[j - 1] as number) + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = row;
  }
  return prev[b.length] as number;
}
