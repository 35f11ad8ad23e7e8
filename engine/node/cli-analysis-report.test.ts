import { describe, expect, it } from 'vitest';
import type { ReverseResult } from '../analysis/analysis-types';
import { formatAnalysis } from './cli-analysis-report';

const meta = { workspace: 'ws', import_ms: 1, analysis_ms: 2, workers: 1, mode: 'in process' };
const evaluation = (magnitude: number, value: number) => ({ magnitude, value, reached: value > 5e6 }) as unknown as ReverseResult['evaluations'][number];

function reverse(status: ReverseResult['status'], target: ReverseResult['target']): ReverseResult {
  return {
    kind: 'reverse',
    status,
    shock: { kind: 'asset', asset: 'ETH', at: 0 },
    target,
    threshold: status === 'found' ? 0.4 : null,
    bracket: status === 'found' ? [0.39, 0.4] : null,
    tolerance: 0.01,
    monotone: false,
    violations: [{ from: evaluation(0.2, 3_584_150), to: evaluation(0.3, 3_100_000) }],
    evaluations: [evaluation(0.2, 3_584_150), evaluation(0.3, 3_100_000)],
    scenario: null,
    overrides: {},
    summary: null,
    path: [],
    pathNode: null,
    runId: null,
  } as unknown as ReverseResult;
}

describe('reverse as text', () => {
  it('shows a KPI that is not monotone in its unit, and says "first crossing" only where a threshold was found', () => {
    const missed = formatAnalysis(reverse('not_reached', { kind: 'total_loss', above: 5e6 }) as unknown as Record<string, unknown>, meta);
    expect(missed).toContain('Warning: the KPI is not monotone in the shock (1 place): a larger shock did less harm here:');
    expect(missed).toContain('→ $3,584,150');
    expect(missed).not.toContain('first crossing');
    expect(missed).not.toContain('e+6');
    const found = formatAnalysis(reverse('found', { kind: 'total_loss', above: 5e6 }) as unknown as Record<string, unknown>, meta);
    expect(found).toContain('so the threshold is the first crossing found:');
  });
});
