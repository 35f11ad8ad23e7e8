import { describe, expect, it } from 'vitest';
import type { RunSummary } from '../results/summary-types';
import { DEFAULT_OPTIONS } from '../scenario/scenario';
import { columns, money } from './cli-format';
import { formatReport } from './cli-report';

const summary: RunSummary = {
  scenario: 'ETH crash',
  steps_run: 5,
  converged: true,
  total_liquidated_usd: 1_234_567.8,
  total_bad_debt_usd: 5000,
  total_loss_usd: 300_000,
  direct_loss_usd: 200_000,
  amplification: 1.5,
  final_prices: { ETH: 2100 },
  nodes: {
    fund: { equity_start_usd: 100_000, equity_end_usd: 0, obligations_usd: 80_000, payments_usd: 40_000, recovery_rate: 0.5, defaulted: true, default_step: 1, path: ['event:0', 'ETH', 'aave', 'fund'] },
    desk: { equity_start_usd: 50_000, equity_end_usd: 10_000, obligations_usd: 0, payments_usd: 0, recovery_rate: 1, defaulted: false, default_step: null, path: ['event:0', 'ETH', 'aave', 'fund', 'desk'] },
    aave: { equity_start_usd: 1e6, equity_end_usd: 995_000, obligations_usd: 0, payments_usd: 0, recovery_rate: 1, defaulted: false, default_step: null, path: [] },
  },
  venues: { aave: { liquidated_usd: 1_234_567.8, bad_debt_usd: 5000, halted_step: null } },
  warnings: ['something odd'],
};

describe('formatReport', () => {
  const text = formatReport({
    summary,
    scenario: { name: 'ETH crash', description: '', steps: 10, events: [{ type: 'price_shock', asset: 'ETH', change: -0.3, at: 0 }], options: { ...DEFAULT_OPTIONS } },
    workspace: 'ws',
    counts: { positions: 2, nodes: 3 },
    startPrices: { ETH: 3000 },
    names: { fund: 'Fund X', aave: 'Aave-like pool' },
    importMs: 12.3,
    runMs: 4.5,
    engineVersion: '0.1.0',
  });

  it('shows the KPIs with units', () => {
    expect(text).toMatch(/Total liquidated\s+\$1,234,568/);
    expect(text).toMatch(/Bad debt\s+\$5,000/);
    expect(text).toMatch(/Defaults\s+1 of 3/);
    expect(text).toMatch(/Amplification\s+1\.50×/);
    expect(text).toMatch(/Steps run\s+5\s+converged/);
  });

  it('lists defaults in step order with their contagion path, events named by type and target', () => {
    expect(text).toContain('step 1  fund (Fund X): paid $40,000 of $80,000 owed (recovery 50.0%)');
    expect(text).toContain('path: event:0 (price_shock ETH −30.0%) → ETH → aave → fund');
  });

  it('ranks venues by bad debt and shows prices and warnings', () => {
    expect(text).toMatch(/aave \(Aave-like pool\)\s+\$5,000\s+\$1,234,568\s+—/);
    expect(text).toMatch(/ETH\s+3,000.00\s+2,100.00\s+−30.0%/);
    expect(text).toContain('  - something odd');
  });

  it('says the import’s warnings with the run’s (a file left out, an unknown column)', () => {
    const base = { summary: { ...summary, warnings: [] }, scenario: { name: 'x', description: '', steps: 1, events: [], options: { ...DEFAULT_OPTIONS } }, workspace: 'ws', counts: {}, startPrices: {}, names: {}, importMs: 1, runMs: 1, engineVersion: '0.1.0' };
    expect(formatReport(base)).toContain('Warnings: none');
    const warned = formatReport({
      ...base,
      importWarnings: [
        { table: 'mapping.json', row: null, column: null, value: 'mapping.json', rule: 'holds a column mapping (pass it with --map), not a table; ignored', severity: 'warning' },
        { table: 'positions', row: 3, column: 'ltv', value: '0.8', rule: 'is not a column of positions; kept, not read', severity: 'warning' },
      ],
    });
    expect(warned).toContain('Warnings:\n  - mapping.json: holds a column mapping (pass it with --map), not a table; ignored\n  - positions row 3, ltv: is not a column of positions; kept, not read');
  });
});

describe('format helpers', () => {
  it('formats money and aligns columns', () => {
    expect(money(1234.5)).toBe('$1,235');
    expect(money(12.345)).toBe('$12.35');
    expect(money(-2500)).toBe('-$2,500');
    expect(columns([['a', '1'], ['bbb', '22']], [false, true])).toEqual(['a     1', 'bbb  22']);
  });
});
