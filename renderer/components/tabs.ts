import type { ViewId } from '../store/ui-slice';
import type { IconName } from './Icon';

/** The views in the top bar's order: Alt+1 … Alt+9 go to them in this order. */
export const TABS: readonly { view: ViewId; label: string; icon: IconName }[] = [
  { view: 'start', label: 'Start', icon: 'home' },
  { view: 'overview', label: 'Overview', icon: 'overview' },
  { view: 'tables', label: 'Tables', icon: 'grid' },
  { view: 'scenario', label: 'Scenario', icon: 'edit' },
  { view: 'results', label: 'Results', icon: 'chart' },
  { view: 'levels', label: 'Levels', icon: 'levels' },
  { view: 'analysis', label: 'Analysis', icon: 'analysis' },
  { view: 'network', label: 'Network', icon: 'network' },
  { view: 'compare', label: 'Compare', icon: 'copy' },
];
