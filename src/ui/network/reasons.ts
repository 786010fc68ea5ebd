/** The "why" context for catch-ups, from the analysis: whom a person advises among the senior leaders. */
import type { AnalysisResult } from '../../analysis/types';
import { displayName } from '../../domain/describe';
import type { Id, MapDocument } from '../../domain/types';

function leaderLabel(doc: MapDocument, id: Id): string {
  const s = doc.stakeholders[id];
  if (!s) return '';
  return s.title.trim() ? `${displayName(s)} (${s.title.trim()})` : displayName(s);
}

/** "advises Helena Brandt (Chief Executive Officer)" per advisor of a senior leader. */
export function advisorReasons(doc: MapDocument, analysis: AnalysisResult | null): Record<Id, string> {
  const out: Record<Id, string> = {};
  if (!analysis) return out;
  for (const a of analysis.advisors) {
    const leaders = [...a.leaders].sort((x, y) => y.strength - x.strength).map((l) => leaderLabel(doc, l.leaderId)).filter(Boolean);
    if (leaders.length === 0) continue;
    const shown = leaders.slice(0, 2);
    const more = leaders.length - shown.length;
    out[a.id] = `advises ${shown.join(shown.length === 2 && more === 0 ? ' and ' : ', ')}${more > 0 ? ` and ${more} more senior ${more === 1 ? 'leader' : 'leaders'}` : ''}`;
  }
  return out;
}
