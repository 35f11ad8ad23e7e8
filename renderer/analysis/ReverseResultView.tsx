import { useMemo } from 'react';
import type { ReverseResult } from '../../engine/analysis/analysis-types';
import { useApp } from '../app-context';
import { usdCompactText } from '../charts/options/analysis-format';
import { magnitudeText, reverseSearchOption } from '../charts/options/analysis-reverse';
import { CHART_THEMES } from '../charts/palette';
import { ChartCard } from '../components/ChartCard';
import { formatCount, runsText } from '../format';
import { selectTheme } from '../store/selectors';
import { useAppStore } from '../store/store';
import { StampText } from './JobBar';
import { openThresholdRun } from './reverse-flow';
import { atMinHeadline, atMinText, shockText, targetText } from './reverse-labels';

/** The threshold, whether the search could trust it, the run there and the contagion path to the target. */
export function ReverseResultView({ result: r, workspaceHash }: { result: ReverseResult; workspaceHash: string | null }) {
  const ctx = useApp();
  const theme = CHART_THEMES[useAppStore(selectTheme)];
  const stamp = r.stamp;
  const asOf = stamp === undefined ? '' : `${runsText(r.evaluations.length)} · engine ${stamp.engine_version} · workspace ${stamp.workspace_hash.slice(0, 8)} · spec ${stamp.spec_hash.slice(0, 8)}`;
  const option = useMemo(() => reverseSearchOption(r, theme, asOf), [r, theme, asOf]);
  const canOpen = r.scenario !== null && stamp !== undefined && stamp.workspace_hash === workspaceHash;
  const headline =
    r.status === 'found' && r.threshold !== null
      ? magnitudeText(r, r.threshold)
      : r.status === 'reached_at_min'
        ? atMinHeadline(r)
        : 'not reached';
  return (
    <div className="an-results an-two" data-testid="reverse-result">
      <section className="card an-verdict" aria-label="Threshold">
        <h2>
          Smallest {shockText(r)} such that {targetText(r)}
        </h2>
        <p className="an-big" data-testid="reverse-threshold">
          {headline}
        </p>
        <p className="muted small">
          {r.status === 'found' && r.bracket !== null
            ? `Between ${magnitudeText(r, r.bracket[0])} (not reached) and ${magnitudeText(r, r.bracket[1])} (reached): within the tolerance of ${r.shock.kind === 'external_loss' ? usdCompactText(r.tolerance) : `${(r.tolerance * 100).toPrecision(3)} pp`}.`
            : r.status === 'reached_at_min'
              ? atMinText(r)
              : 'Even the largest magnitude searched does not reach the target.'}
        </p>
        <p className={r.monotone ? 'an-verdict-ok' : 'an-verdict-bad'} data-testid="reverse-monotone">
          {r.monotone
            ? `Monotone over the ${runsText(r.evaluations.length)} made: a larger shock never gave a smaller KPI.`
            : `Not monotone: ${r.violations.length} place${r.violations.length === 1 ? '' : 's'} where a larger shock gave a smaller KPI or the target flipped back. The threshold is the smallest magnitude found to reach the target; smaller ones may too.`}
        </p>
        {r.violations.length > 0 ? (
          <ul className="small">
            {r.violations.slice(0, 5).map((v, i) => (
              <li key={i}>
                {magnitudeText(r, v.from.magnitude)} → {magnitudeText(r, v.to.magnitude)}: {formatCount(v.from.value)} → {formatCount(v.to.value)}
              </li>
            ))}
          </ul>
        ) : null}
        {r.summary !== null ? (
          <dl className="an-facts">
            <dt>Total loss</dt>
            <dd>{usdCompactText(r.summary.total_loss_usd)}</dd>
            <dt>Bad debt</dt>
            <dd>{usdCompactText(r.summary.total_bad_debt_usd)}</dd>
            <dt>Liquidated</dt>
            <dd>{usdCompactText(r.summary.total_liquidated_usd)}</dd>
            <dt>Defaults</dt>
            <dd>{formatCount(Object.values(r.summary.nodes).filter((n) => n.defaulted).length)}</dd>
          </dl>
        ) : null}
        {r.path.length > 0 ? (
          <div className="an-path" data-testid="reverse-path">
            <h3>Contagion path{r.pathNode === null ? '' : ` to ${r.pathNode}`}</h3>
            <ol>
              {r.path.map((p, i) => (
                <li key={i}>{p}</li>
              ))}
            </ol>
          </div>
        ) : null}
        <button type="button" className="primary" disabled={!canOpen} onClick={() => void openThresholdRun(ctx)} data-testid="reverse-open">
          Open the run at the threshold
        </button>
        <StampText stamp={stamp} current={workspaceHash} />
      </section>
      <ChartCard id="reverse-search" title="The search" unit="the target’s KPI at every magnitude run · threshold and target as lines" option={option} height={380} />
    </div>
  );
}
