import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { RunSummary } from '../../engine/results/summary-types';
import { defaultedNodes } from '../store/selectors';
import { DefaultsTable } from './DefaultsTable';
import { ErrorPanel } from './ErrorPanel';
import { KpiCards } from './KpiCards';

const node = (defaulted: boolean, step: number | null, path: string[]) => ({
  equity_start_usd: 1e6,
  equity_end_usd: defaulted ? -1 : 1,
  obligations_usd: 2_500_000,
  payments_usd: 1_000_000,
  recovery_rate: 0.4,
  defaulted,
  default_step: step,
  path,
});

const summary: RunSummary = {
  scenario: 'Flash crash',
  steps_run: 12,
  converged: true,
  total_liquidated_usd: 48_200_000,
  total_bad_debt_usd: 3_100_000,
  total_loss_usd: 9_000_000,
  direct_loss_usd: 3_000_000,
  amplification: 3,
  final_prices: {},
  nodes: {
    'fund-b': node(true, 5, ['ETH -35%', 'venue-x', 'fund-a', 'fund-b']),
    'fund-a': node(true, 3, ['ETH -35%', 'venue-x', 'fund-a']),
    'desk-c': node(false, null, []),
  },
  venues: {},
  warnings: [],
};

describe('KpiCards', () => {
  it('shows every figure with its unit', () => {
    const html = renderToStaticMarkup(<KpiCards summary={summary} defaults={2} />);
    for (const [id, label, unit, value] of [
      ['total-liquidated', 'Total liquidated', 'USD', '$48.2M'],
      ['bad-debt', 'Bad debt', 'USD', '$3.1M'],
      ['defaults', 'Defaults', 'nodes', '2'],
      ['total-loss', 'Total loss', 'USD', '$9M'],
      ['amplification', 'Amplification', '×', '3.00×'],
      ['steps-run', 'Steps run', 'steps', '12'],
    ]) {
      expect(html).toContain(`data-testid="kpi-${id}"`);
      expect(html).toContain(`<h3 class="kpi-label">${label}</h3><p class="kpi-unit">${unit}</p>`);
      expect(html).toContain(`<p class="kpi-value">${value}</p>`);
    }
  });

  it('says n/a for amplification without a direct loss', () => {
    expect(renderToStaticMarkup(<KpiCards summary={{ ...summary, amplification: null }} defaults={0} />)).toContain('no direct loss');
  });
});

describe('DefaultsTable', () => {
  it('lists defaulted nodes in the order they failed, with their contagion path', () => {
    const html = renderToStaticMarkup(<DefaultsTable nodes={defaultedNodes(summary)} />);
    expect(html.indexOf('fund-a')).toBeLessThan(html.indexOf('fund-b'));
    expect(html).not.toContain('desk-c');
    expect(html).toContain('ETH -35% → venue-x → fund-a → fund-b');
    expect(html).toContain('Recovery (%)');
  });

  it('says so when nobody defaulted', () => {
    expect(renderToStaticMarkup(<DefaultsTable nodes={[]} />)).toContain('No node defaulted');
  });
});

describe('ErrorPanel', () => {
  it('shows each line of the message as text', () => {
    const html = renderToStaticMarkup(<ErrorPanel message={'Bad file.\n• <script>x</script>'} />);
    expect(html).toContain('<p>Bad file.</p>');
    expect(html).toContain('&lt;script&gt;');
  });
});
