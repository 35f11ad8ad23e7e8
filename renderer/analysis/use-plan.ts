import { useEffect, useState } from 'react';
import type { AnalysisKind, AnalysisPlan } from '../../engine/analysis/analysis-types';
import { engineErrorText } from '../error-text';
import type { AppContext } from '../workflows/context';
import { canonical } from './stamp';
import { specProblems } from './specs';

export interface PlanCheck {
  /** The engine's plan of the spec as it stands, when it is valid. */
  plan: AnalysisPlan | null;
  problems: string[];
  checking: boolean;
}

const WAIT_MS = 250;

/** Checks a spec with the engine's own rules (analysis.plan in the app's engine) a moment after it stops changing. */
export function usePlan(ctx: AppContext, kind: AnalysisKind, spec: unknown, workspaceHash: string | null): PlanCheck {
  const key = spec === null ? '' : canonical(spec);
  const [check, setCheck] = useState<PlanCheck & { key: string }>({ plan: null, problems: [], checking: false, key: '' });
  useEffect(() => {
    if (spec === null || workspaceHash === null) return;
    let live = true;
    setCheck((c) => ({ ...c, checking: true }));
    const timer = setTimeout(() => {
      void ctx.engine.request('analysis.plan', { kind, spec }).then((r) => {
        if (!live) return;
        if (r.ok) setCheck({ plan: r.value, problems: [], checking: false, key });
        else setCheck({ plan: null, problems: r.error.kind === 'invalid-request' ? specProblems(r.error.message) : [engineErrorText(r.error)], checking: false, key });
      });
    }, WAIT_MS);
    return () => {
      live = false;
      clearTimeout(timer);
    };
    // The spec is compared by its canonical JSON, not by identity.
  }, [ctx, kind, key, workspaceHash]);
  return check.key === key ? check : { plan: null, problems: check.problems, checking: true };
}
