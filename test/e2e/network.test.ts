// The contagion network end to end in Chromium: the Network tab on the demo's flash crash, the
// timeline scrubbed until a node defaults, its contagion path read hop by hop, the loss flow.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { hasChromium, openSession, screenshots, waitForDrawnRun, waitForKpis, type Session } from './harness';

describe.skipIf(!hasChromium)('the contagion network in Chromium', () => {
  let s: Session;
  let first = { id: '', step: 0 };

  beforeAll(async () => {
    s = await openSession({ width: 1440, height: 900 }, 'light');
    await s.page.goto(s.url);
    await waitForKpis(s.page);
    await waitForDrawnRun(s.page, null);
  });
  afterAll(async () => {
    await s?.close();
  });

  const summary = () => s.page.getByTestId('network-summary').innerText();

  it('draws the network of the run at its last step, with the defaults in the order they happened', async () => {
    await s.page.getByTestId('tab-network').click();
    await s.page.getByTestId('network-view').waitFor();
    await s.page.waitForFunction(() => (document.querySelector('[data-testid="network-summary"]')?.textContent ?? '').includes('defaulted'), null, { timeout: 30_000 });
    expect(await summary()).toMatch(/: 2 defaulted \(/);
    const items = s.page.getByTestId('defaults-order').locator('li');
    expect(await items.count()).toBe(2);
    const text = await items.first().innerText();
    const m = /^(\S+)\s+step (\d+)/.exec(text);
    expect(m).not.toBeNull();
    first = { id: m?.[1] ?? '', step: Number(m?.[2]) };
    await s.page.waitForTimeout(400);
    await s.shot('network-final');
    expect(s.problems).toEqual([]);
  });

  it('scrubs the timeline: the first node to default is not in default one step before, and is at its step', async () => {
    await s.page.getByTestId('timeline-slider').focus();
    await s.page.keyboard.press('Home');
    await expect.poll(() => s.page.getByTestId('timeline-step').innerText()).toMatch(/^step 0 \//);
    for (let k = 0; k < first.step - 1; k++) await s.page.keyboard.press('ArrowRight');
    if (first.step > 0) {
      await expect.poll(summary).toMatch(new RegExp(`^At step ${first.step - 1}:`));
      expect(await summary()).not.toContain(first.id);
      await s.shot('network-before-default');
      await s.page.keyboard.press('ArrowRight');
    }
    await expect.poll(summary).toMatch(new RegExp(`^At step ${first.step}:`));
    expect(await summary()).toContain(first.id);
    expect(await s.page.getByTestId('network-view').getAttribute('data-step')).toBe(String(first.step));
    expect(await s.page.getByTestId('kpi-defaults').locator('.kpi-value').innerText()).not.toBe('—');
  });

  it('clicks the defaulted node and reads its contagion path with the amount at each hop', async () => {
    await s.page.getByTestId('defaults-order').getByRole('button', { name: first.id }).click();
    const panel = s.page.getByTestId('node-panel');
    await panel.waitFor();
    const hops = panel.getByTestId('path-hop');
    await expect.poll(() => hops.count()).toBeGreaterThan(0);
    const texts = await hops.allInnerTexts();
    console.log(`e2e contagion path of ${first.id}:`, texts);
    // The path starts at the event, in words as the network labels it ("ETH −30% at step 0").
    expect(texts[0]).toMatch(/^\S+ .+ at step \d+ → /);
    expect(texts.join('\n')).not.toContain('event:');
    expect(texts.at(-1)).toContain(`→ ${first.id}`);
    for (const t of texts) expect(t).toMatch(/\$[\d.]+[KMB]?\s/);
    await s.page.waitForTimeout(600);
    await s.shot('network-path');
    // The side panel's two charts, to look at: the balance sheet and the losses by cause.
    await panel.getByTestId('chart-node-losses').scrollIntoViewIfNeeded();
    await s.page.waitForTimeout(300);
    await panel.screenshot({ path: join(screenshots, 'network-node-panel.png') });
  });

  it('shows where the loss went as a Sankey, and plays the replay', async () => {
    const card = s.page.getByTestId('chart-loss-sankey');
    await card.scrollIntoViewIfNeeded();
    await expect.poll(() => card.locator('canvas').count()).toBeGreaterThan(0);
    await s.page.waitForTimeout(400);
    await card.screenshot({ path: join(screenshots, 'network-sankey.png') });
    await s.page.getByTestId('timeline-play').click();
    await expect.poll(() => s.page.getByTestId('timeline-step').innerText(), { timeout: 20_000 }).toMatch(/^step (\d+) \/ \1$/);
    expect(s.problems).toEqual([]);
  });

  it('filters by kind and searches by id', async () => {
    await s.page.getByTestId('timeline-slider').scrollIntoViewIfNeeded();
    await s.page.getByTestId('kind-oracle').check({ force: true });
    await s.page.getByTestId('kind-oracle').uncheck({ force: true });
    await s.page.getByTestId('network-search').fill(first.id);
    await s.page.getByTestId('network-search').press('Enter');
    await s.page.getByTestId('node-panel').waitFor();
    expect(await s.page.getByTestId('node-panel').locator('.node-panel-head h2').innerText()).toBe(first.id);
    await s.page.waitForTimeout(400);
    await s.shot('network-filtered');
    // Esc closes the node's panel, as it closes the app's other overlays.
    await s.page.keyboard.press('Escape');
    await expect.poll(() => s.page.getByTestId('node-panel').count()).toBe(0);
  });
});
