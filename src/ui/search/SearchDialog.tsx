import { useId, useMemo, useState, type KeyboardEvent } from 'react';
import { focusWhenDrawn } from '../../canvas/useCanvasKeyboard';
import { levelName } from '../../domain/describe';
import { searchPeople, type SearchHit } from '../../domain/search';
import type { Id } from '../../domain/types';
import { useEditor, useServices } from '../../state/context';
import { Dialog } from '../Dialog';
import { useFocusPerson } from '../InsightsPanel';

const MAX_RESULTS = 12;

const FIELD_LABELS: Record<SearchHit['field'], string> = { name: 'name', title: 'title', department: 'department', tag: 'tag', company: 'company', email: 'e-mail', phone: 'phone' };

/** Find a person by name, title, department, tag, company, e-mail or phone; arrow keys and Enter jump to them. */
export function SearchDialog() {
  const { store } = useServices();
  const doc = useEditor((s) => s.doc);
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const focusPerson = useFocusPerson();
  const listId = useId();
  const stakeholders = doc?.stakeholders;
  const hits = useMemo(() => (stakeholders ? searchPeople({ stakeholders }, query, MAX_RESULTS) : []), [stakeholders, query]);
  const close = () => store.getState().setSearchOpen(false);
  if (!doc) return null;

  const jump = (id: Id) => {
    const state = store.getState();
    close();
    // Someone in a collapsed team: open the teams above them so there is a card to land on.
    state.showPathTo(id);
    if (state.view === 'grid' || state.view === 'ego') {
      state.select([id]);
      state.revealPerson(id);
    } else {
      focusPerson(id);
    }
    // In every view the keyboard goes on from the person found, not from the page: their card
    // takes focus once the dialog has handed focus back and the view has brought the card in.
    requestAnimationFrame(() => focusWhenDrawn(document, { kind: 'person', id }));
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      if (hits.length === 0) return;
      setActive((a) => (e.key === 'ArrowDown' ? (a + 1) % hits.length : (a - 1 + hits.length) % hits.length));
    } else if (e.key === 'Enter') {
      e.preventDefault();
      const hit = hits[Math.min(active, hits.length - 1)];
      if (hit) jump(hit.id);
    }
  };

  const optionId = (i: number) => `${listId}-o${i}`;
  return (
    <Dialog title="Find a person" onClose={close} className="dialog--search">
      <input
        className="search__input"
        type="search"
        role="combobox"
        aria-label="Search people"
        aria-expanded={hits.length > 0}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={hits.length ? optionId(Math.min(active, hits.length - 1)) : undefined}
        placeholder="Name, title, department or tag"
        value={query}
        autoFocus
        onChange={(e) => {
          setQuery(e.target.value);
          setActive(0);
        }}
        onKeyDown={onKeyDown}
      />
      <ul className="search__results" role="listbox" id={listId} aria-label="People found">
        {hits.map((h, i) => {
          const s = doc.stakeholders[h.id];
          const sub = [s.title, s.department, levelName(s, doc.map.settings)].filter(Boolean).join(' · ');
          return (
            <li
              key={h.id}
              id={optionId(i)}
              role="option"
              aria-selected={i === active}
              className={i === active ? 'search__hit search__hit--active' : 'search__hit'}
              onMouseMove={() => i !== active && setActive(i)}
              onMouseDown={(e) => e.preventDefault()}
              onClick={() => jump(h.id)}
            >
              <span className="search__name">{h.name}</span>
              <span className="search__sub">
                {sub}
                {h.field !== 'name' && h.field !== 'title' && h.field !== 'department' && <span className="tag">{`${FIELD_LABELS[h.field]}: ${h.matched}`}</span>}
              </span>
            </li>
          );
        })}
      </ul>
      {query.trim() && hits.length === 0 && <p className="panel__empty search__none">Nobody matches “{query.trim()}”.</p>}
      {!query.trim() && <p className="insights__hint search__tip">Use ↑ ↓ to choose and Enter to jump to the person.</p>}
    </Dialog>
  );
}
