// A long scenario over the demo workspace's ids, and dropping files on the window, for the tests
// of the scenario editor at scale.
import type { Page } from 'playwright-core';

const ASSETS = ['ETH', 'stETH', 'wBTC', 'BTC', 'SOL', 'ARB'];
const ORACLES = ['cl-eth', 'cl-steth', 'cl-wbtc', 'cl-arb', 'pyth-eth', 'pyth-btc', 'pyth-sol'];
const VENUES = ['aave', 'spark', 'bitnova', 'perp-dex'];
const NODES = ['fund-alpha', 'fund-beta', 'orbit', 'mm-north', 'bank'];

/** A valid scenario of `count` events of every type (MODEL §2), event 1 a shock to ETH and event 2 one to stETH. */
export function longScenario(count: number, name = `Long: ${count} events`): { name: string; steps: number; events: Record<string, unknown>[] } {
  const events: Record<string, unknown>[] = [];
  for (let i = 0; i < count; i++) {
    const at = i % 40;
    const pick = <T>(xs: T[]) => xs[i % xs.length] as T;
    // Every other round undoes the last, so thousands of shocks keep prices in the engine's range.
    const sign = Math.floor(i / 6) % 2 === 0 ? -1 : 1;
    switch (i % 6) {
      case 0:
        events.push({ type: 'price_shock', asset: pick(ASSETS), change: sign * 0.02, at });
        break;
      case 1:
        events.push({ type: 'price_shock', asset: pick(ASSETS), change: sign * 0.01, at });
        break;
      case 2:
        events.push({ type: 'oracle_freeze', oracle: pick(ORACLES), from: at, to: at + 1 });
        break;
      case 3:
        events.push({ type: 'depth_change', asset: pick(ASSETS), factor: sign < 0 ? 0.8 : 1.25, at });
        break;
      case 4:
        events.push({ type: 'venue_outage', venue: pick(VENUES), from: at, to: at + 2 });
        break;
      default:
        events.push({ type: 'external_loss', node: pick(NODES), fraction: 0.01, at });
    }
  }
  return { name, steps: 50, events };
}

/** Drops files on the window as a person would drag them from a file manager. */
export async function dropFiles(page: Page, files: { name: string; text: string }[]): Promise<void> {
  await page.evaluate((list) => {
    const dt = new DataTransfer();
    for (const f of list) dt.items.add(new File([f.text], f.name));
    for (const type of ['dragenter', 'dragover', 'drop']) window.dispatchEvent(new DragEvent(type, { dataTransfer: dt, bubbles: true, cancelable: true }));
  }, files);
}

/** Imports a long scenario as a new one and waits for the engine to accept it. */
export async function openLongScenario(page: Page, count: number, name?: string): Promise<void> {
  await dropFiles(page, [{ name: `long-${count}.json`, text: JSON.stringify(longScenario(count, name)) }]);
  await page.getByTestId('import-confirm').click();
  await page.getByTestId('event-0').waitFor();
  await page.getByTestId('scenario-validation').filter({ hasText: /^Valid/ }).waitFor({ timeout: 30_000 });
}
