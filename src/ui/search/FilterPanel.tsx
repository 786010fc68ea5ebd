import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { STANCE_LABELS, TIE_KIND_LABELS } from '../../domain/defaults';
import { applyFilters, describeFilters, filterOptions, hasActiveFilters, NO_FILTERS, type Filters } from '../../domain/search';
import { STANCES, TIE_KINDS } from '../../domain/types';
import { useEditor, useServices } from '../../state/context';
import { countOf, formatCount } from '../../domain/numbers';
import { customKinds } from '../../domain/tie-kinds';
import { entryCount } from '../../domain/records';

type Key = keyof Filters;

function toggle<T>(list: readonly T[] | undefined, value: T, on: boolean): T[] {
  const rest = (list ?? []).filter((v) => v !== value);
  return on ? [...rest, value] : rest;
}

function count(filters: Filters): number {
  return (['departments', 'seniority', 'stances', 'tags', 'tieKinds'] as Key[]).reduce((n, k) => n + (filters[k]?.length ?? 0), 0);
}

/** The "Filter" button over the canvas and its popover of choices, bound to store.filters. */
export function FilterButton() {
  const [open, setOpen] = useState(false);
  const filters = useEditor((s) => s.filters);
  const wrap = useRef<HTMLDivElement>(null);
  const n = count(filters);
  useEffect(() => {
    if (!open) return;
    const onDown = (e: PointerEvent) => {
      if (wrap.current && e.target instanceof Node && !wrap.current.contains(e.target)) setOpen(false);
    };
    window.addEventListener('pointerdown', onDown, true);
    return () => window.removeEventListener('pointerdown', onDown, true);
  }, [open]);
  return (
    <div className="filter" ref={wrap}>
      <button type="button" className={n ? 'button button--pressed' : 'button'} aria-expanded={open} aria-haspopup="dialog" onClick={() => setOpen((o) => !o)}>
        Filter{n > 0 && <span className="filter__count">{n}</span>}
      </button>
      {open && (
        <div
          className="filter__popover"
          role="dialog"
          aria-label="Filters"
          onKeyDown={(e) => {
            if (e.key === 'Escape') {
              e.stopPropagation();
              setOpen(false);
              (wrap.current?.querySelector('button') as HTMLElement | null)?.focus();
            }
          }}
        >
          <FilterForm />
        </div>
      )}
    </div>
  );
}

function Group({ title, children }: { title: string; children: ReactNode }) {
  return (
    <fieldset className="filter__group">
      <legend>{title}</legend>
      <div className="filter__options">{children}</div>
    </fieldset>
  );
}

function Check({ label, checked, onChange, swatch }: { label: string; checked: boolean; onChange: (on: boolean) => void; swatch?: string }) {
  return (
    <label className={checked ? 'filter__option filter__option--on' : 'filter__option'}>
      <input type="checkbox" checked={checked} onChange={(e) => onChange(e.target.checked)} />
      {swatch && <span className={`legend__dot ${swatch}`} aria-hidden="true" />}
      <span>{label}</span>
    </label>
  );
}

export function FilterForm() {
  const { store } = useServices();
  const doc = useEditor((s) => s.doc);
  const filters = useEditor((s) => s.filters);
  const stakeholders = doc?.stakeholders;
  const options = useMemo(() => filterOptions({ stakeholders: stakeholders ?? {} }), [stakeholders]);
  const result = useMemo(() => (doc ? applyFilters(doc, filters) : null), [doc, filters]);
  if (!doc) return null;
  const set = (patch: Filters) => store.getState().setFilters({ ...filters, ...patch });
  const total = entryCount(doc.stakeholders);
  return (
    <div className="filter__form">
      {options.departments.length > 0 && (
        <Group title="Department">
          {options.departments.map((d) => (
            <Check key={d} label={d} checked={filters.departments?.includes(d) ?? false} onChange={(on) => set({ departments: toggle(filters.departments, d, on) })} />
          ))}
        </Group>
      )}
      <Group title="Seniority">
        {doc.map.settings.levels.map((level, i) => (
          <Check key={i} label={level} checked={filters.seniority?.includes(i) ?? false} onChange={(on) => set({ seniority: toggle(filters.seniority, i, on) })} />
        ))}
      </Group>
      <Group title="Stance">
        {STANCES.map((s) => (
          <Check key={s} label={STANCE_LABELS[s]} swatch={`legend__dot--${s}`} checked={filters.stances?.includes(s) ?? false} onChange={(on) => set({ stances: toggle(filters.stances, s, on) })} />
        ))}
      </Group>
      {options.tags.length > 0 && (
        <Group title="Tag">
          {options.tags.map((t) => (
            <Check key={t} label={t} checked={filters.tags?.includes(t) ?? false} onChange={(on) => set({ tags: toggle(filters.tags, t, on) })} />
          ))}
        </Group>
      )}
      <Group title="Tie kind">
        {TIE_KINDS.map((k) => (
          <Check key={k} label={TIE_KIND_LABELS[k]} checked={filters.tieKinds?.includes(k) ?? false} onChange={(on) => set({ tieKinds: toggle(filters.tieKinds, k, on) })} />
        ))}
        {customKinds(doc.map.settings).map((k) => (
          <Check key={k.id} label={k.name.trim() || 'Unnamed kind'} checked={filters.tieKinds?.includes(k.id) ?? false} onChange={(on) => set({ tieKinds: toggle(filters.tieKinds, k.id, on) })} />
        ))}
      </Group>
      <div className="filter__foot">
        <span className="filter__summary" role="status">
          {result?.active ? `${formatCount(result.people.size)} of ${countOf(total, 'person', 'people')} shown` : `All ${countOf(total, 'person', 'people')} shown`}
        </span>
        <button type="button" className="button button--small" disabled={!hasActiveFilters(filters)} onClick={() => store.getState().setFilters(NO_FILTERS)}>
          Clear filters
        </button>
      </div>
    </div>
  );
}

/** The active filters as a bar over the canvas, easy to clear. */
export function FilterChips() {
  const { store } = useServices();
  const filters = useEditor((s) => s.filters);
  const settings = useEditor((s) => s.doc?.map.settings);
  if (!hasActiveFilters(filters)) return null;
  return (
    <div className="filter-chips" role="region" aria-label="Active filters">
      <span className="filter-chips__label">Filtered</span>
      <span className="filter-chips__text" data-testid="filter-summary">
        {describeFilters(filters, settings)}
      </span>
      <button type="button" className="button button--small" onClick={() => store.getState().setFilters(NO_FILTERS)}>
        Clear filters
      </button>
    </div>
  );
}
