/** Putting a card of a list drawn again back where it stood in its view. */
import type { CardAt } from './event-window';

/** The most frames spent putting a card back: after that the view is left as it is. */
const MOST_FRAMES = 90;
/** Frames the card must stand in place before it counts as settled: a card drawn in one frame is measured in the next, and the cards around it after. */
const STILL_FRAMES = 6;
/** What a person does to move the view: from then on it is theirs. */
const USER_MOVES = ['wheel', 'touchstart', 'pointerdown', 'keydown'] as const;

export interface SettleCard {
  /** The view the list scrolls in. */
  box: HTMLElement;
  /** The card and where it stood, px below the view's top. */
  at: CardAt;
  /** The card's element, or null while it is not drawn. */
  cardOf(index: number): Element | null;
  /** Where a card not drawn yet starts in the view's content, as the list estimates it (px), or null. */
  estimate(index: number): number | null;
}

/**
 * Scrolls the view until the card stands where it stood, from where the card really is each frame
 * (its height and those of the cards above it are measured only once they are drawn, so no
 * offset known in advance places it): once now, before the first paint, then on each animation
 * frame until it has stood still for a few frames, for a bounded number of frames, or until the
 * person scrolls, clicks or presses a key. Nothing scrolls afterwards. Returns what stops it early.
 */
export function settleCard({ box, at, cardOf, estimate }: SettleCard): () => void {
  let frames = 0;
  let still = 0;
  let handle = 0;
  let done = false;
  const stop = (): void => {
    if (done) return;
    done = true;
    cancelAnimationFrame(handle);
    for (const move of USER_MOVES) window.removeEventListener(move, stop, true);
  };
  const step = (): void => {
    const before = box.scrollTop;
    const card = cardOf(at.index);
    if (card === null) {
      const start = estimate(at.index);
      if (start !== null) box.scrollTop = start - at.top;
    } else {
      const by = card.getBoundingClientRect().top - box.getBoundingClientRect().top - at.top;
      if (Math.abs(by) >= 1) box.scrollTop = before + by;
    }
    // A view that cannot scroll there (the card near either end of the list) is as settled as it gets.
    still = box.scrollTop === before ? still + 1 : 0;
  };
  const tick = (): void => {
    step();
    frames += 1;
    if (still >= STILL_FRAMES || frames >= MOST_FRAMES) stop();
    else handle = requestAnimationFrame(tick);
  };
  for (const move of USER_MOVES) window.addEventListener(move, stop, { capture: true, passive: true });
  step();
  handle = requestAnimationFrame(tick);
  return stop;
}
