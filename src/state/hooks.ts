import { useMemo } from 'react';
import { toAnalysisInput } from '../analysis/input';
import { introductionPaths } from '../analysis/paths';
import type { IntroductionResult } from '../analysis/types';
import { useEditor } from './context';
import { hasEntry } from '../domain/records';

/** The introduction paths from Me to the chosen person, computed on demand (one Dijkstra run). */
export function useIntroductionPaths(): IntroductionResult | null {
  const doc = useEditor((s) => s.doc);
  const target = useEditor((s) => s.pathTarget);
  const meId = doc?.map.meId ?? null;
  // Positions do not change paths: key the memo on the ties and people, not the whole document.
  const ties = doc?.ties;
  const people = doc?.stakeholders;
  return useMemo(() => {
    if (!doc || !meId || !target || !hasEntry(doc.stakeholders, target)) return null;
    return introductionPaths(toAnalysisInput(doc), meId, target);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [ties, people, meId, target]);
}

