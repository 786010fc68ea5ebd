import { useId, useState } from 'react';
import { displayName } from '../../domain/describe';
import { cadenceHint, daysBetween, dueSentence, effectiveCadence, lastContact, localDate, relativeDays, removeInteraction } from '../../domain/nurture';
import { healthWithMe, HEALTH_LABELS, tiedToMe } from '../../domain/health';
import { updateStakeholder } from '../../domain/operations';
import type { MapDocument, Stakeholder } from '../../domain/types';
import { useServices } from '../../state/context';
import { INTERACTION_LABELS, LogCatchUpDialog } from './LogCatchUpDialog';

/** Nurture in the Inspector: cadence, next follow-up, last contact and the interaction log. */
export function RelationshipSection({ doc, person, today: todayProp }: { doc: MapDocument; person: Stakeholder; today?: string }) {
  const { store } = useServices();
  const [today] = useState(() => todayProp ?? localDate());
  const [logging, setLogging] = useState(false);
  const ids = { cadence: useId(), next: useId() };
  const settings = doc.map.settings;
  const levelDefault = effectiveCadence({ cadenceDays: null, seniority: person.seniority }, settings);
  const last = lastContact(person);
  const { text: dueText, overdue } = dueSentence(person, settings, today);
  const edit = (patch: Partial<Stakeholder>, group: string) => store.getState().edit((d) => updateStakeholder(d, person.id, patch), `nurture:${group}:${person.id}`);
  const log = [...person.interactions].reverse();
  const tied = doc.map.meId !== null && tiedToMe(doc).has(person.id);
  const health = tied ? healthWithMe(doc, person.id, today) : null;

  return (
    <section className="nurture" aria-label="Relationship">
      <h3 className="nurture__title">Relationship</h3>
      <p className={overdue ? 'nurture__due nurture__due--overdue' : 'nurture__due'} data-testid="nurture-due">
        {dueText}
      </p>
      {tied && (
        // The same sentence and numbers as "Fading ties" in My network (domain/health.ts).
        <p className={`nurture__health nurture__health--${health?.status ?? 'none'}`} data-testid="relationship-health">
          {health ? (
            <>
              <span className={`health-chip health-chip--${health.status}`}>{HEALTH_LABELS[health.status]}</span> {capitalise(health.reason)}.
            </>
          ) : (
            'Your tie has no health yet: log a catch-up to see how it is doing.'
          )}
        </p>
      )}
      <div className="field-row">
        <div className="field">
          <label htmlFor={ids.cadence}>Cadence (days)</label>
          <input
            id={ids.cadence}
            type="number"
            min={1}
            max={730}
            inputMode="numeric"
            placeholder={String(levelDefault)}
            value={person.cadenceDays ?? ''}
            onChange={(e) => {
              const n = Math.round(Number(e.target.value));
              edit({ cadenceDays: e.target.value === '' || !Number.isFinite(n) || n < 1 ? null : Math.min(730, n) }, 'cadence');
            }}
          />
        </div>
        <div className="field">
          <label htmlFor={ids.next}>Next follow-up</label>
          <input id={ids.next} type="date" value={person.nextFollowUp ?? ''} onChange={(e) => edit({ nextFollowUp: e.target.value || null }, 'next')} />
        </div>
      </div>
      <p className="field__hint nurture__hint">
        {cadenceHint(person, settings)}
      </p>
      <dl className="nurture__facts">
        <dt>Last contact</dt>
        <dd data-testid="last-contact">{last ? `${last} (${relativeDays(daysBetween(today, last))})` : 'Never logged'}</dd>
      </dl>
      <button type="button" className="button button--primary nurture__log" onClick={() => setLogging(true)}>
        Log a catch-up
      </button>
      {log.length > 0 && (
        <ul className="nurture__log-list" aria-label={`Interactions with ${displayName(person)}`}>
          {log.map((i) => (
            <li key={i.id} className="nurture__entry">
              <div className="nurture__entry-head">
                <span className="nurture__date">{i.date}</span>
                <span className="nurture__kind">{INTERACTION_LABELS[i.kind]}</span>
                <button
                  type="button"
                  className="button button--icon nurture__remove"
                  aria-label={`Remove the ${INTERACTION_LABELS[i.kind].toLowerCase()} on ${i.date}`}
                  onClick={() => store.getState().edit((d) => removeInteraction(d, person.id, i.id))}
                >
                  ×
                </button>
              </div>
              {i.note && <p className="nurture__note">{i.note}</p>}
            </li>
          ))}
        </ul>
      )}
      {logging && <LogCatchUpDialog personId={person.id} today={today} onClose={() => setLogging(false)} />}
    </section>
  );
}

const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
