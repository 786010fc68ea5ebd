import { useMemo } from 'react';
import { STANCE_LABELS } from '../../domain/defaults';
import { displayName } from '../../domain/describe';
import { countOf } from '../../domain/numbers';
import { isShortOfTarget, stanceGap } from '../../domain/stance-history';
import { useEditor } from '../../state/context';
import { useFocusPerson } from '../InsightsPanel';

/** Who is not yet at their target stance, biggest gap first; shown once anyone has a target. */
export function TargetsPanel() {
  const people = useEditor((s) => s.doc?.stakeholders);
  const focus = useFocusPerson();
  const { withTarget, short } = useMemo(() => {
    const all = Object.values(people ?? {}).filter((p) => p.targetStance);
    const gapOf = (p: (typeof all)[number]) => Math.abs(stanceGap(p.stance, p.targetStance) ?? 0);
    const list = all.filter(isShortOfTarget).sort((a, b) => gapOf(b) - gapOf(a) || displayName(a).localeCompare(displayName(b)));
    return { withTarget: all.length, short: list };
  }, [people]);
  if (withTarget === 0) return null;
  return (
    <section className="insights__section" aria-label="Where you need them">
      <h3 className="insights__title">Where you need them</h3>
      <p className="insights__hint">{short.length === 0 ? 'Everyone with a target stance is where you need them.' : `${countOf(short.length, 'person is', 'people are')} not yet where you need them.`}</p>
      {short.length > 0 && (
        <ul className="findings" aria-label="Not yet where you need them">
          {short.map((p) => (
            <li key={p.id}>
              <button type="button" className="person-link" onClick={() => focus(p.id)}>
                {displayName(p)}
              </button>{' '}
              {STANCE_LABELS[p.stance]} → {STANCE_LABELS[p.targetStance!]}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
