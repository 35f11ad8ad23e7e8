import type { ReverseResult } from '../../engine/analysis/analysis-types';
import { usdCompactText } from '../charts/options/analysis-format';
import { magnitudeText } from '../charts/options/analysis-reverse';

/** The shock a reverse test scaled, in words. */
export function shockText(r: Pick<ReverseResult, 'shock'>): string {
  const s = r.shock;
  const at = s.at === 0 ? '' : ` at step ${s.at}`;
  if (s.kind === 'asset') return `${s.asset} price drop${at}`;
  if (s.kind === 'assets') return `uniform drop of ${s.assets.join(', ')}${at}`;
  return `external loss at ${s.node}${at}`;
}

/** What the shock had to bring about, in words. */
export function targetText(r: Pick<ReverseResult, 'target'>): string {
  const t = r.target;
  if (t.kind === 'node_default') return `${t.node} defaults`;
  if (t.kind === 'venue_bad_debt') return `${t.venue}’s bad debt exceeds ${usdCompactText(t.above)}`;
  const what = { total_loss: 'total loss', total_bad_debt: 'total bad debt', total_liquidated: 'total liquidated' }[t.kind];
  return `${what} exceeds ${usdCompactText(t.above)}`;
}

/** Met at the search's first magnitude: "without the shock" only when that is no shock at all. */
export function atMinHeadline(r: ReverseResult): string {
  return r.threshold !== null && r.threshold > 0 ? `reached at ${magnitudeText(r, r.threshold)} already` : 'already reached';
}

export function atMinText(r: ReverseResult): string {
  return r.threshold !== null && r.threshold > 0
    ? `The target is met at the smallest magnitude searched (${magnitudeText(r, r.threshold)}); smaller ones were not searched.`
    : 'The target is met without the shock.';
}
