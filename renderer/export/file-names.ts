/** A file-name-safe slug of a title: `Flash crash: ETH -30%` → `flash-crash-eth-30`. */
export function slug(text: string, max = 48): string {
  const s = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, max)
    .replace(/-+$/g, '');
  return s === '' ? 'firebreak' : s;
}

/** `<scenario>-<run>-<what>.<ext>`, a plain base name the hosts accept. */
export function exportName(scenario: string | null, runId: string | null, what: string, extension: string): string {
  return [scenario === null ? null : slug(scenario), runId === null ? null : slug(runId, 16), slug(what, 40)].filter((p) => p !== null).join('-') + `.${extension}`;
}
