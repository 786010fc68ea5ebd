/**
 * Choosing one person from the map. Small maps get a plain <select>. On large maps a <select>
 * holding every person costs thousands of rendered options each time the Inspector changes
 * (about 100 ms of style and layout at 2,000 people, right when a card is grabbed), and is slow
 * to scroll anyway: there the picker is a text field whose suggestions (a <datalist>, never
 * rendered until asked for) narrow as the user types.
 */
import { useId, useMemo, useRef, useState } from 'react';
import { displayName } from '../domain/describe';
import { sameInEvery } from '../domain/records';
import type { Id, Stakeholder } from '../domain/types';

/** Above this many people, type-to-find replaces the drop-down list. */
export const PICKER_LIST_MAX = 150;

const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });
const sortedCache = new WeakMap<Record<Id, Stakeholder>, Stakeholder[]>();

/** Everyone on the map by name (cached per version of the people record: one sort per edit). */
export function peopleByName(stakeholders: Record<Id, Stakeholder>): Stakeholder[] {
  let sorted = sortedCache.get(stakeholders);
  if (!sorted) {
    // A move or a note leaves every name as it was: the last order holds (pointer checks and one
    // pass, no sort of 50,000 names when a dragged person is dropped).
    sorted = last && sameInEvery(last.people, stakeholders, 'name') ? last.sorted.map((p) => stakeholders[p.id]) : Object.values(stakeholders).sort((a, b) => collator.compare(displayName(a), displayName(b)));
    sortedCache.set(stakeholders, sorted);
    last = { people: stakeholders, sorted };
  }
  return sorted;
}
let last: { people: Record<Id, Stakeholder>; sorted: Stakeholder[] } | null = null;

/**
 * uniqueLabels, reused while the list names the same people the same way (a new list after a move
 * or a note edit): labelling 20,000 people took longer than the edit.
 */
function useUniqueLabels(people: readonly Stakeholder[]): Map<Id, string> {
  const last = useRef<{ people: readonly Stakeholder[]; labels: Map<Id, string> } | null>(null);
  return useMemo(() => {
    const prev = last.current;
    const same = (a: Stakeholder, b: Stakeholder) => a === b || (a.id === b.id && a.name === b.name && a.title === b.title && a.department === b.department);
    if (prev && prev.people.length === people.length && people.every((p, i) => same(p, prev.people[i]))) {
      last.current = { people, labels: prev.labels };
      return prev.labels;
    }
    const labels = uniqueLabels(people);
    last.current = { people, labels };
    return labels;
  }, [people]);
}

/** A label per person that tells namesakes apart (by title, then department, then id). */
function uniqueLabels(people: readonly Stakeholder[]): Map<Id, string> {
  // Each name worked out once (three times per person was half the time at 50,000 people).
  const names = people.map(displayName);
  const count = new Map<string, number>();
  for (const name of names) count.set(name, (count.get(name) ?? 0) + 1);
  const labels = new Map<Id, string>();
  const used = new Set<string>();
  for (let i = 0; i < people.length; i++) {
    const p = people[i];
    const name = names[i];
    let label = name;
    if ((count.get(name) ?? 0) > 1) label = `${name} (${p.title || p.department || p.id})`;
    if (used.has(label)) label = `${name} (${p.id})`;
    used.add(label);
    labels.set(p.id, label);
  }
  return labels;
}

/**
 * Everyone on a large map without sorting them yet: the sorted list (0.1 s at 50,000 people) is
 * asked for only once the field is used; until then the chosen person's label is worked out from
 * `all` (any order) alone.
 */
export interface PeopleSource {
  all: readonly Stakeholder[];
  sorted: () => readonly Stakeholder[];
}

function isSource(people: readonly Stakeholder[] | PeopleSource): people is PeopleSource {
  return !Array.isArray(people);
}

/**
 * The label uniqueLabels gives `id`, from one pass over everyone (namesakes told apart by title,
 * department or id; uniqueLabels may add the id when even that is taken, a case this ignores).
 */
function labelAmong(id: Id, all: readonly Stakeholder[]): string {
  const person = all.find((p) => p.id === id);
  if (!person) return '';
  const name = displayName(person);
  let namesakes = 0;
  for (const p of all) if (displayName(p) === name && ++namesakes > 1) break;
  return namesakes > 1 ? `${name} (${person.title || person.department || person.id})` : name;
}

export interface PersonPickerProps {
  id?: string;
  label?: string;
  people: readonly Stakeholder[] | PeopleSource;
  value: Id | '';
  onChange: (id: Id | '') => void;
  /** What "nobody chosen" reads as. */
  emptyLabel: string;
}

export function PersonPicker({ id, label, people, value, onChange, emptyLabel }: PersonPickerProps) {
  if ((isSource(people) ? people.all : people).length <= PICKER_LIST_MAX) {
    const list = isSource(people) ? people.sorted() : people;
    return (
      <select id={id} aria-label={label} value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">{emptyLabel}</option>
        {list.map((p) => (
          <option key={p.id} value={p.id}>
            {displayName(p)}
          </option>
        ))}
      </select>
    );
  }
  return <PersonSearchField id={id} label={label} people={people} value={value} onChange={onChange} emptyLabel={emptyLabel} />;
}

const NO_PEOPLE: readonly Stakeholder[] = [];

function PersonSearchField({ id, label, people, value, onChange, emptyLabel }: PersonPickerProps) {
  const listId = useId();
  // Suggestions only once the field is used: until then the list costs nothing.
  const [open, setOpen] = useState(false);
  // Labelling 50,000 people took 0.1 s: not when Details merely shows the field (a click on a
  // person, the press of a drag), only once it is used or holds a choice.
  // A source (PeopleSource) waits for the field to be opened even when it holds a choice.
  const lazy = isSource(people);
  const [used, setUsed] = useState(!lazy && value !== '');
  if (!used && (open || (!lazy && value !== ''))) setUsed(true);
  const list = used ? (lazy ? people.sorted() : people) : NO_PEOPLE;
  const labels = useUniqueLabels(list);
  const byLabel = useMemo(() => {
    const map = new Map<string, Id>();
    for (const [pid, text] of labels) map.set(text.toLocaleLowerCase(), pid);
    return map;
  }, [labels]);
  const early = useMemo(() => (!used && lazy && value ? labelAmong(value, people.all) : ''), [used, lazy, value, people]);
  const chosen = !value ? '' : used ? (labels.get(value) ?? '') : early;
  const [text, setText] = useState(chosen);
  const [shown, setShown] = useState(chosen);
  // The choice changed elsewhere (undo, another tab): show it.
  if (shown !== chosen) {
    setShown(chosen);
    setText(chosen);
  }
  // A name that matches nobody is pointed out once the user leaves the field, not mid-word.
  const [typing, setTyping] = useState(false);
  const unknown = used && !typing && text.trim() !== '' && !byLabel.has(text.trim().toLocaleLowerCase());
  return (
    <div className="person-picker">
      <input
        id={id}
        aria-label={label}
        type="search"
        list={open ? listId : undefined}
        value={text}
        placeholder={`${emptyLabel} (type a name)`}
        autoComplete="off"
        aria-invalid={unknown || undefined}
        onFocus={() => {
          setOpen(true);
          setTyping(true);
        }}
        onBlur={() => setTyping(false)}
        onChange={(e) => {
          const next = e.target.value;
          setText(next);
          if (next.trim() === '') {
            if (value) onChange('');
            return;
          }
          const match = byLabel.get(next.trim().toLocaleLowerCase());
          if (match && match !== value) {
            // Chosen here: keep what the user typed rather than resync to the label's case.
            setShown(labels.get(match) ?? '');
            onChange(match);
          }
        }}
      />
      {open && (
        <datalist id={listId}>
          {list.map((p) => (
            <option key={p.id} value={labels.get(p.id)} />
          ))}
        </datalist>
      )}
      {unknown && <p className="field__hint field__hint--error">No one on this map is called “{text.trim()}”.</p>}
    </div>
  );
}
