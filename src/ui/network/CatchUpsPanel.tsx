import { useMemo, useState } from 'react';
import { catchUpsDue, localDate, relationshipsToRepair, snooze, type CatchUp } from '../../domain/nurture';
import { updateTie } from '../../domain/operations';
import type { Id, MapDocument } from '../../domain/types';
import { followUpsToIcs, icsFileName, ICS_MIME } from '../../io/ics';
import { useEditor, useServices } from '../../state/context';
import { downloadText } from '../download';
import { useFocusPerson } from '../InsightsPanel';
import { LogCatchUpDialog } from '../nurture/LogCatchUpDialog';
import { advisorReasons } from './reasons';
import { countOf, formatCount } from '../../domain/numbers';

/** How far ahead the calendar export reaches. */
export const EXPORT_DAYS = 90;
export const SNOOZE_DAYS = 7;
/** "This week": today and the six days after it, so a catch-up snoozed for 7 days leaves the list. */
export const WEEK_AHEAD_DAYS = 6;

function statusText(c: CatchUp): string {
  if (c.status === 'overdue') return `Overdue ${c.daysOverdue} ${c.daysOverdue === 1 ? 'day' : 'days'}`;
  if (c.dueIn === 0) return 'Due today';
  return c.dueIn === 1 ? 'Due tomorrow' : `Due in ${formatCount(c.dueIn)} days`;
}

/** Why the buttons that change the map are off when the map is view only. */
const VIEW_ONLY_TITLE = 'View only: this map cannot be changed here';

/** "Catch-ups due": overdue first, then due this week, each with why, Log and Snooze. */
export function CatchUpsPanel({ today: todayProp }: { today?: string }) {
  const { store } = useServices();
  const doc = useEditor((s) => s.doc);
  const analysis = useEditor((s) => s.analysis);
  const readOnly = useEditor((s) => s.readOnly);
  const [today] = useState(() => todayProp ?? localDate());
  const [logFor, setLogFor] = useState<Id | null>(null);
  const focus = useFocusPerson();
  const reasons = useMemo(() => (doc ? advisorReasons(doc, analysis) : {}), [doc, analysis]);
  const items = useMemo(() => (doc ? catchUpsDue(doc, today, reasons, { withinDays: WEEK_AHEAD_DAYS }) : []), [doc, today, reasons]);
  if (!doc) return null;
  const overdue = items.filter((c) => c.status === 'overdue');
  const soon = items.filter((c) => c.status === 'due-soon');

  const exportIcs = () => {
    const all = catchUpsDue(doc, today, reasons, { withinDays: EXPORT_DAYS });
    if (all.length === 0) {
      store.getState().notify(`No follow-ups in the next ${EXPORT_DAYS} days to export.`);
      return;
    }
    const text = followUpsToIcs(all, { now: Date.now(), calendarName: `${doc.map.name} follow-ups` });
    downloadText(text, icsFileName(doc.map.name), ICS_MIME);
    store.getState().notify(`Exported ${countOf(all.length, 'follow-up')} for your calendar.`);
  };

  const renderItem = (c: CatchUp) => (
    <li key={c.id} className={`catchup catchup--${c.status}`}>
      <div className="catchup__head">
        <button type="button" className="person-link" onClick={() => focus(c.id)}>
          {c.name}
        </button>
        <span className={`catchup__status catchup__status--${c.status}`}>{statusText(c)}</span>
      </div>
      <p className="catchup__why">{c.why}</p>
      <div className="catchup__actions">
        <button type="button" className="button button--small" aria-label={`Log a catch-up with ${c.name}`} disabled={readOnly} title={readOnly ? VIEW_ONLY_TITLE : undefined} onClick={() => setLogFor(c.id)}>
          Log it
        </button>
        <button
          type="button"
          className="button button--small button--quiet"
          aria-label={`Snooze ${c.name} for ${SNOOZE_DAYS} days`}
          disabled={readOnly}
          title={readOnly ? VIEW_ONLY_TITLE : undefined}
          onClick={() => {
            store.getState().edit((d) => snooze(d, c.id, SNOOZE_DAYS, today));
            store.getState().notify(`Snoozed ${c.name} for ${SNOOZE_DAYS} days.`);
          }}
        >
          Snooze 7 days
        </button>
      </div>
    </li>
  );

  return (
    <section className="insights__section" aria-label="Catch-ups due">
      <div className="section-head">
        <h3 className="insights__title">Catch-ups due</h3>
        <button type="button" className="link-button section-head__action" onClick={exportIcs}>
          Export follow-ups (.ics)
        </button>
      </div>
      <p className="insights__hint">Keep in touch before you need something: overdue first, then this week.</p>
      {items.length === 0 ? (
        <p className="panel__empty catchups__empty">Nobody is due this week. Set a cadence or a next follow-up in a person’s Details to be reminded.</p>
      ) : (
        <>
          {overdue.length > 0 && (
            <>
              <h4 className="insights__subtitle">Overdue ({overdue.length})</h4>
              <ul className="catchups" aria-label="Overdue catch-ups">
                {overdue.map(renderItem)}
              </ul>
            </>
          )}
          {soon.length > 0 && (
            <>
              <h4 className="insights__subtitle">Due this week ({soon.length})</h4>
              <ul className="catchups" aria-label="Catch-ups due this week">
                {soon.map(renderItem)}
              </ul>
            </>
          )}
        </>
      )}
      {logFor && <LogCatchUpDialog personId={logFor} today={today} onClose={() => setLogFor(null)} />}
    </section>
  );
}

/** Tension ties as relationships to work on, with the next step (the tie's note) and the last attempt. */
export function RepairList() {
  const { store } = useServices();
  const doc = useEditor((s) => s.doc);
  const items = useMemo(() => (doc ? relationshipsToRepair(doc) : []), [doc]);
  const readOnly = useEditor((s) => s.readOnly);
  const [logFor, setLogFor] = useState<Id | null>(null);
  const focus = useFocusPerson();
  if (!doc) return null;
  return (
    <section className="insights__section" aria-label="Relationships to repair">
      <h3 className="insights__title">Relationships to repair</h3>
      <p className="insights__hint">Strained relationships (tension ties). Getting to know them is often worth it.</p>
      {items.length === 0 ? (
        <p className="panel__empty">No tension ties on this map. Draw one (key 4) where you got off on the wrong foot.</p>
      ) : (
        <ul className="repairs">
          {items.map((r) => (
            <li key={r.tieId} className={r.involvesMe ? 'repair repair--me' : 'repair'}>
              <p className="repair__sentence">
                <button type="button" className="person-link" onClick={() => focus(r.other)}>
                  {r.sentence}
                </button>
              </p>
              <label className="repair__label" htmlFor={`repair-${r.tieId}`}>
                Next step
              </label>
              <textarea
                id={`repair-${r.tieId}`}
                className="repair__step"
                rows={2}
                value={doc.ties[r.tieId]?.note ?? r.nextStep}
                readOnly={readOnly}
                title={readOnly ? VIEW_ONLY_TITLE : undefined}
                placeholder="What will you do to repair it?"
                onChange={(e) => {
                  const note = e.target.value;
                  store.getState().edit((d: MapDocument) => {
                    const res = updateTie(d, r.tieId, { note });
                    return res.ok ? res.doc : d;
                  }, `repair:${r.tieId}`);
                }}
              />
              <div className="repair__foot">
                <span className="repair__last">{r.lastAttempt ? `Last attempt ${r.lastAttempt}` : 'No attempt logged yet'}</span>
                {r.involvesMe && (
                  <button
                    type="button"
                    className="button button--small"
                    aria-label={`Log a catch-up with ${doc.stakeholders[r.other]?.name ?? 'them'}`}
                    disabled={readOnly}
                    title={readOnly ? VIEW_ONLY_TITLE : undefined}
                    onClick={() => setLogFor(r.other)}
                  >
                    Log an attempt
                  </button>
                )}
              </div>
            </li>
          ))}
        </ul>
      )}
      {logFor && <LogCatchUpDialog personId={logFor} onClose={() => setLogFor(null)} />}
    </section>
  );
}
