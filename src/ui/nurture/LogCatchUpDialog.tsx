import { useId, useState, type FormEvent } from 'react';
import { displayName } from '../../domain/describe';
import { interactionProblem, localDate, logInteraction } from '../../domain/nurture';
import { INTERACTION_KINDS, type Id, type InteractionKind } from '../../domain/types';
import { useEditor, useServices } from '../../state/context';
import { Dialog } from '../Dialog';
import { LimitNote, useTextLimits } from '../useTextLimits';
import { DialogActions, FormError } from '../DialogActions';

export const INTERACTION_LABELS: Record<InteractionKind, string> = {
  coffee: 'Coffee',
  meeting: 'Meeting',
  message: 'Message',
  event: 'Event',
  other: 'Other',
};

/** A small dialog to log a catch-up: date (today by default), kind and a short note. One undo step. */
export function LogCatchUpDialog({ personId, onClose, today }: { personId: Id; onClose: () => void; today?: string }) {
  const { store } = useServices();
  const name = useEditor((s) => displayName(s.doc?.stakeholders[personId]));
  const [date, setDate] = useState(() => today ?? localDate());
  const [kind, setKind] = useState<InteractionKind>('coffee');
  const [note, setNote] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const limits = useTextLimits();
  const ids = { date: useId(), kind: useId(), note: useId(), problem: useId() };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const entry = { date, kind, note: note.trim() };
    const why = interactionProblem(entry);
    if (why) {
      setProblem(why);
      return;
    }
    store.getState().edit((doc) => logInteraction(doc, personId, entry));
    store.getState().notify(`Logged a catch-up with ${name}.`);
    onClose();
  };

  return (
    <Dialog title={`Log a catch-up with ${name}`} onClose={onClose}>
      <form className="catchup-form" onSubmit={submit} noValidate>
        <div className="field-row">
          <div className="field">
            <label htmlFor={ids.date}>Date</label>
            <input
              id={ids.date}
              type="date"
              value={date}
              required
              aria-invalid={problem ? true : undefined}
              aria-describedby={problem ? ids.problem : undefined}
              onChange={(e) => {
                setDate(e.target.value);
                setProblem(null);
              }}
            />
          </div>
          <div className="field">
            <label htmlFor={ids.kind}>Kind</label>
            <select id={ids.kind} value={kind} onChange={(e) => setKind(e.target.value as InteractionKind)}>
              {INTERACTION_KINDS.map((k) => (
                <option key={k} value={k}>
                  {INTERACTION_LABELS[k]}
                </option>
              ))}
            </select>
          </div>
        </div>
        <div className="field">
          <label htmlFor={ids.note}>Note</label>
          <textarea id={ids.note} rows={3} value={note} placeholder="What did you talk about? What is the next step?" onChange={(e) => setNote(limits.accept('note', 'interactionNote', e.target.value))} />
          <LimitNote message={limits.messageFor('note')} />
        </div>
        {problem && (
          <FormError inline id={ids.problem}>
            {problem}
          </FormError>
        )}
        <DialogActions onCancel={onClose}>
          <button type="submit" className="button button--primary">
            Log catch-up
          </button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
