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

/** A card and where it stands: its top, px below the top of the view the list scrolls in. */
export interface CardAt {
  index: number;
  top: number;
}

/** A drawn card as the view shows it: its index, its edges below the view's top (px), and whether it holds the focus. */
export interface SeenCard {
  index: number;
  top: number;
  bottom: number;
  focused: boolean;
}

/**
 * The card to hold still on screen when the list changes form, and where it stands (px below the
 * view's top): the one with the focus, else the selected one, when in view; else the first in view.
 * Null when no card is in a view `height` px high.
 */
export function anchorCard(cards: readonly SeenCard[], selected: number, height: number): CardAt | null {
  const visible = cards.filter((c) => c.bottom > 0 && c.top < height);
  const pick = visible.find((c) => c.focused) ?? visible.find((c) => c.index === selected) ?? visible.reduce<SeenCard | undefined>((first, c) => (first === undefined || c.index < first.index ? c : first), undefined);
  return pick === undefined ? null : { index: pick.index, top: pick.top };
}
