import { useId } from 'react';
import { addTieKind, removeTieKind, tiesOfKind, TIE_LINE_LABELS, TIE_MEANING_LABELS, updateTieKind } from '../../domain/tie-kinds';
import { MAX_TIE_KINDS } from '../../domain/limits';
import { TIE_COLOUR_CHOICES, TIE_LINE_STYLES, TIE_MEANINGS, type CustomTieKind, type MapDocument } from '../../domain/types';
import { TIE_CHOICE_LABELS } from '../../io/palette';
import { useServices } from '../../state/context';
import { TieSymbol } from '../TieSymbol';
import { LimitNote, useTextLimits } from '../useTextLimits';

function Select<T extends string>({ label, value, options, labels, onChange }: { label: string; value: T; options: readonly T[]; labels: Record<T, string>; onChange: (value: T) => void }) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value as T)}>
        {options.map((o) => (
          <option key={o} value={o}>
            {labels[o]}
          </option>
        ))}
      </select>
    </div>
  );
}

const DIRECTION_LABELS = { 'one-way': 'One-way', mutual: 'Mutual' } as const;

function KindEditor({ doc, kind }: { doc: MapDocument; kind: CustomTieKind }) {
  const { store } = useServices();
  const limits = useTextLimits();
  const nameId = useId();
  const update = (fields: Partial<Omit<CustomTieKind, 'id'>>, group?: string) => store.getState().edit((d) => updateTieKind(d, kind.id, fields), group);
  const label = kind.name.trim() || 'Unnamed kind';
  const count = tiesOfKind(doc, kind.id);
  return (
    <fieldset className="tie-kind-editor" aria-label={`Tie kind ${label}`}>
      <div className="tie-kind-editor__head">
        <TieSymbol kind={kind.id} settings={doc.map.settings} />
        <label htmlFor={nameId} className="visually-hidden">
          Kind name
        </label>
        <input
          id={nameId}
          className="input"
          value={kind.name}
          onChange={(e) => update({ name: limits.accept(`kind:${kind.id}`, 'tieKindName', e.target.value) }, `kind:${kind.id}:name`)}
        />
        <button
          type="button"
          className="button button--icon"
          aria-label={`Remove tie kind ${label}`}
          onClick={() => {
            store.getState().edit((d) => removeTieKind(d, kind.id));
            store.getState().notify(count ? `Removed the kind ${label} and its ${count === 1 ? 'tie' : `${count.toLocaleString('en-US')} ties`}. Undo brings them back.` : `Removed the kind ${label}.`);
          }}
        >
          ×
        </button>
      </div>
      <LimitNote message={limits.messageFor(`kind:${kind.id}`)} />
      <div className="field-row">
        <Select label="Colour" value={kind.colour} options={TIE_COLOUR_CHOICES} labels={TIE_CHOICE_LABELS} onChange={(colour) => update({ colour })} />
        <Select label="Line" value={kind.line} options={TIE_LINE_STYLES} labels={TIE_LINE_LABELS} onChange={(line) => update({ line })} />
      </div>
      <div className="field-row">
        <Select label="Direction" value={kind.mutual ? 'mutual' : 'one-way'} options={['one-way', 'mutual'] as const} labels={DIRECTION_LABELS} onChange={(d) => update({ mutual: d === 'mutual' })} />
        <Select label="Counts as" value={kind.meaning} options={TIE_MEANINGS} labels={TIE_MEANING_LABELS} onChange={(meaning) => update({ meaning })} />
      </div>
      <p className="field__hint">{count === 0 ? 'No ties of this kind yet.' : `${count.toLocaleString('en-US')} ${count === 1 ? 'tie' : 'ties'} of this kind.`}</p>
    </fieldset>
  );
}

/**
 * Map settings: the map's own tie kinds (name, colour, line, direction, what they count as in the
 * analysis). Every change is one pure domain edit (domain/tie-kinds.ts) through `store.edit`.
 */
export function TieKindSettings({ doc }: { doc: MapDocument }) {
  const { store } = useServices();
  const kinds = doc.map.settings.tieKinds ?? [];
  return (
    <section className="own-tie-kinds" aria-label="Tie kinds">
      <h3 className="own-tie-kinds__title">Tie kinds of this map</h3>
      <p className="field__hint">Besides influence, trust, reports to and tension: mentor, sponsor, ex-colleague… Each kind says what it counts as in the analysis.</p>
      {kinds.map((k) => (
        <KindEditor key={k.id} doc={doc} kind={k} />
      ))}
      <button
        type="button"
        className="button"
        disabled={kinds.length >= MAX_TIE_KINDS}
        onClick={() =>
          store.getState().edit((d) => {
            const added = addTieKind(d);
            return added.ok ? added.doc : d;
          })
        }
      >
        Add tie kind
      </button>
    </section>
  );
}
