/** Which cards of a long event list are drawn, and where the list scrolls. */

/** The indexes in view plus the selected card and its neighbours, in order: what has the focus stays drawn, and Tab and Move reach the next card. */
export function withNeighbours(inView: readonly number[], selected: number, count: number): number[] {
  const out = new Set(inView);
  for (let i = selected - 1; i <= selected + 1; i++) if (i >= 0 && i < count) out.add(i);
  return [...out].sort((a, b) => a - b);
}

/** The nearest ancestor that scrolls vertically (the view the list is in), or null. */
export function scrollParent(el: Element | null): HTMLElement | null {
  for (let at = el?.parentElement ?? null; at !== null; at = at.parentElement) {
    const y = getComputedStyle(at).overflowY;
    if (y === 'auto' || y === 'scroll') return at;
  }
  return null;
}
