import { useMemo, useState } from 'react';
import { fadingTies, HEALTH_LABELS, tiedToMe, type FadingTie } from '../../domain/health';
import { localDate } from '../../domain/nurture';
import { countOf } from '../../domain/numbers';
import type { Id } from '../../domain/types';
import { useEditor } from '../../state/context';
import { useFocusPerson } from '../InsightsPanel';
import { LogCatchUpDialog } from '../nurture/LogCatchUpDialog';

/** The reason as a sentence: the same words and numbers as the health line in Details. */
const sentence = (f: FadingTie) => `${f.reason.charAt(0).toUpperCase()}${f.reason.slice(1)}.`;

/** "Fading ties": ties to Me that are fading or at risk (domain/health.ts), each with why and Log. */
export function FadingTiesPanel({ today: todayProp }: { today?: string }) {
  const doc = useEditor((s) => s.doc);
  const [today] = useState(() => todayProp ?? localDate());
  const [logFor, setLogFor] = useState<Id | null>(null);
  const focus = useFocusPerson();
  const items = useMemo(() => (doc ? fadingTies(doc, today) : []), [doc, today]);
  const tiedCount = useMemo(() => (doc ? tiedToMe(doc).size : 0), [doc]);
  if (!doc) return null;
  const atRisk = items.filter((f) => f.status === 'at-risk').length;
  let empty: string | null = null;
  if (!doc.map.meId) empty = 'Mark yourself as Me (select your card, tick “This is me”) to see how your ties are doing.';
  else if (tiedCount === 0) empty = 'You have no ties on this map yet. Draw a tie from Me to see how it is doing.';
  else if (items.length === 0) empty = 'No fading ties: every tie to you with a logged catch-up is strong.';

  return (
    <section className="insights__section" aria-label="Fading ties">
      <h3 className="insights__title">Fading ties</h3>
      <p className="insights__hint">
        Your ties, from the catch-ups you logged against each person’s cadence. On the map a tie to you carries a green dot (strong), an amber ring (fading) or a red “!” (at risk).
        {items.length > 0 && ` ${countOf(atRisk, 'tie')} at risk, ${countOf(items.length - atRisk, 'tie')} fading.`}
      </p>
      {empty ? (
        <p className="panel__empty">{empty}</p>
      ) : (
        <ul className="catchups" aria-label="Fading ties">
          {items.map((f) => (
            <li key={f.id} className={`catchup fading fading--${f.status}`}>
              <div className="catchup__head">
                <button type="button" className="person-link" onClick={() => focus(f.id)}>
                  {f.name}
                </button>
                <span className={`health-chip health-chip--${f.status}`}>{HEALTH_LABELS[f.status]}</span>
              </div>
              <p className="catchup__why">
                {sentence(f)}
              </p>
              <div className="catchup__actions">
                <button type="button" className="button button--small" aria-label={`Log a catch-up with ${f.name}`} onClick={() => setLogFor(f.id)}>
                  Log it
                </button>
              </div>
            </li>
          ))}
        </ul>
      )}
      {logFor && <LogCatchUpDialog personId={logFor} today={today} onClose={() => setLogFor(null)} />}
    </section>
  );
}
