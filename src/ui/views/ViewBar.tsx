import { useEditor, useServices } from '../../state/context';
import type { FocusDirection, MapView } from '../../state/store';
import { FilterButton, FilterChips } from '../search/FilterPanel';
import { ShowLevelsControl } from '../org/team';
import { peopleByName, PersonPicker } from '../PersonPicker';
import type { Stakeholder } from '../../domain/types';

const NOBODY: Stakeholder[] = [];

export const VIEW_OPTIONS: { value: MapView; label: string; hint: string }[] = [
  { value: 'network', label: 'Network', hint: 'The free canvas' },
  { value: 'grid', label: 'Power–interest grid', hint: 'Influence against interest, in four quadrants' },
  { value: 'ego', label: 'Me at the centre', hint: 'Rings by distance from Me' },
  { value: 'focus', label: 'Focus', hint: "One person's neighbourhood; everyone else faded" },
];

const DIRECTIONS: { value: FocusDirection; label: string; hint: string }[] = [
  { value: 'in', label: 'In', hint: 'Who influences, trusts or manages them' },
  { value: 'out', label: 'Out', hint: 'Whom they influence, trust or report to' },
  { value: 'both', label: 'Both', hint: 'Either direction' },
];

/** The segmented "View" control over the canvas, with the focus controls in Focus. */
export function ViewBar() {
  const { store } = useServices();
  const view = useEditor((s) => s.view);
  return (
    <div className="viewbar" role="toolbar" aria-label="View options">
      <div className="view-seg" role="radiogroup" aria-label="View">
        {VIEW_OPTIONS.map((o) => (
          <button
            key={o.value}
            type="button"
            role="radio"
            aria-checked={view === o.value}
            className={view === o.value ? 'view-seg__option view-seg__option--on' : 'view-seg__option'}
            title={o.hint}
            onClick={() => store.getState().setView(o.value)}
          >
            {o.label}
          </button>
        ))}
      </div>
      <FilterButton />
      <button type="button" className="button viewbar__search" onClick={() => store.getState().setSearchOpen(true)} aria-keyshortcuts="Control+K Meta+K F">
        Find
        <kbd>F</kbd>
      </button>
      {/* Collapsed teams are left out of every view, so every view offers the way back. */}
      <ShowLevelsControl />
      {view === 'focus' && <FocusControls />}
      <FilterChips />
    </div>
  );
}

function FocusControls() {
  const { store } = useServices();
  const focusId = useEditor((s) => s.focusId);
  const steps = useEditor((s) => s.focusSteps);
  const direction = useEditor((s) => s.focusDirection);
  const stakeholders = useEditor((s) => s.doc?.stakeholders);
  const people = stakeholders ? peopleByName(stakeholders) : NOBODY;
  const current = focusId && stakeholders?.[focusId] ? focusId : '';
  return (
    <div className="focusbar" role="group" aria-label="Focus">
      <label className="focusbar__field">
        <span>Focus on</span>
        <PersonPicker
          label="Focus on"
          people={people}
          value={current}
          emptyLabel="Choose a person…"
          onChange={(next) => {
            const id = next || null;
            store.getState().setFocus({ id });
            if (id) store.getState().select([id]);
          }}
        />
      </label>
      <div className="view-seg view-seg--small" role="radiogroup" aria-label="Steps">
        {([1, 2, 3] as const).map((n) => (
          <button key={n} type="button" role="radio" aria-checked={steps === n} aria-label={`${n} ${n === 1 ? 'step' : 'steps'}`} className={steps === n ? 'view-seg__option view-seg__option--on' : 'view-seg__option'} onClick={() => store.getState().setFocus({ steps: n })}>
            {n}
          </button>
        ))}
      </div>
      <div className="view-seg view-seg--small" role="radiogroup" aria-label="Direction">
        {DIRECTIONS.map((d) => (
          <button key={d.value} type="button" role="radio" aria-checked={direction === d.value} title={d.hint} className={direction === d.value ? 'view-seg__option view-seg__option--on' : 'view-seg__option'} onClick={() => store.getState().setFocus({ direction: d.value })}>
            {d.label}
          </button>
        ))}
      </div>
      {!current && <span className="focusbar__hint">Pick a person, or select a card.</span>}
    </div>
  );
}
