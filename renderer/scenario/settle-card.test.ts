import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { settleCard } from './settle-card';

// settleCard in a page stand-in: a view whose content moves as the cards above a card are
// measured, animation frames run one at a time by the test, and the window a person's input
// reaches.

let frames = new Map<number, () => void>();
let handles = 0;
const runFrame = (): void => {
  const due = [...frames.values()];
  frames = new Map();
  for (const f of due) f();
};

beforeEach(() => {
  frames = new Map();
  vi.stubGlobal('window', new EventTarget());
  vi.stubGlobal('requestAnimationFrame', (f: () => void) => {
    frames.set(++handles, f);
    return handles;
  });
  vi.stubGlobal('cancelAnimationFrame', (h: number) => frames.delete(h));
});
afterEach(() => vi.unstubAllGlobals());

/** A view at the page's top, and a card whose top lies `cardTop` px into the view's content. */
function page(cardTop: number) {
  const view = { scrollTop: 0, getBoundingClientRect: () => ({ top: 0 }) };
  const content = { cardTop };
  const card = { getBoundingClientRect: () => ({ top: content.cardTop - view.scrollTop }) };
  return { view, content, card };
}

function settle(p: ReturnType<typeof page>, top: number): () => void {
  return settleCard({ box: p.view as unknown as HTMLElement, at: { index: 7, top }, cardOf: () => p.card as unknown as Element, estimate: () => null });
}

describe('settleCard', () => {
  it('puts the card back where it stood, and follows it while the cards above it are measured', () => {
    const p = page(1000);
    settle(p, 100);
    expect(p.view.scrollTop).toBe(900);
    // The cards above are measured taller: the card moves down 85 px in the content.
    p.content.cardTop = 1085;
    runFrame();
    expect(p.view.scrollTop).toBe(985);
    for (let k = 0; k < 10; k++) runFrame();
    expect(frames.size).toBe(0);
  });

  for (const move of ['wheel', 'touchstart', 'pointerdown', 'keydown']) {
    it(`stops at once when the person moves the view (${move}): their place stands`, () => {
      const p = page(1000);
      settle(p, 100);
      expect(p.view.scrollTop).toBe(900);
      window.dispatchEvent(new Event(move));
      p.view.scrollTop = 400;
      p.content.cardTop = 1085;
      for (let k = 0; k < 10; k++) runFrame();
      expect(p.view.scrollTop).toBe(400);
    });
  }

  it('stops after its frames when the card never stands still, and when stopped by its caller', () => {
    const p = page(1000);
    settle(p, 100);
    let n = 0;
    for (; n < 200 && frames.size > 0; n++) {
      p.content.cardTop += 10;
      runFrame();
    }
    expect(n).toBe(90);
    const q = page(1000);
    const stop = settle(q, 100);
    stop();
    q.content.cardTop = 2000;
    runFrame();
    expect(q.view.scrollTop).toBe(900);
  });
});
