import { useEffect, useRef, useState, type ReactNode } from 'react';
import { cutText, limitMessage, TEXT_LIMITS } from '../domain/limits';
import { useEditor, useHistoryFlags, useServices } from '../state/context';
import { Icon } from './Icon';
import { SaveIndicator } from './SaveIndicator';
import { TeamControls } from './team/TeamControls';
import type { ThemeChoice } from './theme';
import { moveFocusByArrow } from './arrowFocus';

export interface HeaderProps {
  onNewMap: () => void;
  onImport: () => void;
  onFitView: () => void;
  onHelp: () => void;
  onHistory: () => void;
  exportMenu: ReactNode;
  /** The "Arrange" menu (layouts), shown next to Export when a map is open. */
  arrangeMenu?: ReactNode;
  theme: ThemeChoice;
  onTheme: (t: ThemeChoice) => void;
}

function MapNameInput() {
  const name = useEditor((s) => s.doc?.map.name);
  const readOnly = useEditor((s) => s.readOnly);
  const { store } = useServices();
  if (name === undefined) return null;
  return (
    <input
      className="header__map-name"
      aria-label="Map name"
      readOnly={readOnly}
      title={name || undefined}
      value={name}
      placeholder="Untitled map"
      onChange={(e) => {
        // One line with no room under it: the limit is said in a notice instead.
        const value = e.target.value;
        if (value.length > TEXT_LIMITS.mapName) store.getState().notify(limitMessage('mapName'), 'error');
        store.getState().renameMap(cutText(value, TEXT_LIMITS.mapName));
      }}
      onKeyDown={(e) => {
        if (e.key === 'Enter') (e.target as HTMLInputElement).blur();
      }}
    />
  );
}

export function Header({ onNewMap, onImport, onFitView, onHelp, onHistory, exportMenu, arrangeMenu, theme, onTheme }: HeaderProps) {
  const { store } = useServices();
  const hasDoc = useEditor((s) => s.doc !== null);
  const snap = useEditor((s) => s.snapToGrid);
  const readOnly = useEditor((s) => s.readOnly);
  const history = useHistoryFlags();
  const canUndo = history.canUndo && !readOnly;
  const canRedo = history.canRedo && !readOnly;
  const nextTheme: Record<ThemeChoice, ThemeChoice> = { system: 'light', light: 'dark', dark: 'system' };
  return (
    <header className="header">
      <div className="header__brand">
        <span className="header__logo" aria-hidden="true">
          <svg viewBox="0 0 24 24" width="22" height="22">
            <circle cx="6" cy="7" r="3" />
            <circle cx="18" cy="6" r="2.4" />
            <circle cx="13" cy="18" r="3.4" />
            <path d="M8.6 8.3 11.6 15M8.8 6.6l6.8-.5M16.9 8.2l-2.6 6.8" />
          </svg>
        </span>
        <h1 className="header__product">Influence Map</h1>
      </div>
      <MapNameInput />
      {hasDoc && readOnly && <ViewOnlyBadge />}
      {hasDoc && !readOnly && <SaveIndicator />}
      <TeamControls />
      <nav className="toolbar" aria-label="Toolbar">
        <button type="button" className="button" onClick={onNewMap}>
          New map
        </button>
        <button type="button" className="button" onClick={onImport}>
          Import
        </button>
        {hasDoc && exportMenu}
        {hasDoc && !readOnly && arrangeMenu}
        <span className="toolbar__sep" aria-hidden="true" />
        <button type="button" className="button button--icon" aria-label="Undo" title="Undo (Ctrl/⌘ Z)" disabled={!canUndo} onClick={() => store.getState().undo()}>
          <Icon name="undo" />
        </button>
        <button type="button" className="button button--icon" aria-label="Redo" title="Redo (Ctrl/⌘ Shift Z)" disabled={!canRedo} onClick={() => store.getState().redo()}>
          <Icon name="redo" />
        </button>
        <button type="button" className="button button--icon" aria-label="Version history" title="Version history: snapshots and restore" disabled={!hasDoc} onClick={onHistory}>
          <Icon name="history" />
        </button>
        <span className="toolbar__sep" aria-hidden="true" />
        <button type="button" className="button button--icon" aria-label="Fit view" title="Fit the map in view (Shift 1)" disabled={!hasDoc} onClick={onFitView}>
          <Icon name="fit" />
        </button>
        <button
          type="button"
          className={snap ? 'button button--icon button--pressed' : 'button button--icon'}
          aria-label="Snap to grid"
          aria-pressed={snap}
          title="Snap to grid (G)"
          disabled={!hasDoc || readOnly}
          onClick={() => store.getState().toggleSnap()}
        >
          <Icon name="grid" />
        </button>
        <button type="button" className="button button--icon" aria-label={`Theme: ${theme}`} title={`Theme: ${theme} (click to change)`} onClick={() => onTheme(nextTheme[theme])}>
          <Icon name={theme === 'dark' ? 'moon' : theme === 'light' ? 'sun' : 'auto'} />
        </button>
        <button type="button" className="button button--icon" aria-label="Keyboard shortcuts" title="Keyboard shortcuts (?)" onClick={onHelp}>
          <Icon name="help" />
        </button>
      </nav>
    </header>
  );
}

/** Says, in the header, that this map can be looked at but not changed here. */
export function ViewOnlyBadge() {
  return (
    <span className="header__badge" role="status" aria-label="View only" title="You can pan, zoom, search, read the insights and export images; you cannot change this map.">
      <Icon name="eye" />
      View only
    </span>
  );
}

export interface MenuItem {
  label: string;
  onSelect: () => void;
  disabled?: boolean;
}

/** A menu button following the ARIA menu pattern (arrow keys move, Escape closes). */
export function MenuButton({ label, items }: { label: string; items: MenuItem[] }) {
  const [open, setOpen] = useState(false);
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!open) return;
    const onDown = (e: MouseEvent) => {
      if (!ref.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('mousedown', onDown);
    ref.current?.querySelector<HTMLElement>('[role="menuitem"]')?.focus();
    return () => document.removeEventListener('mousedown', onDown);
  }, [open]);
  const onKeyDown = (e: React.KeyboardEvent) => {
    const entries = [...(ref.current?.querySelectorAll<HTMLElement>('[role="menuitem"]:not([disabled])') ?? [])];
    if (e.key === 'Escape') {
      e.stopPropagation();
      setOpen(false);
      ref.current?.querySelector<HTMLElement>('button')?.focus();
    } else moveFocusByArrow(e, entries);
  };
  return (
    <div className="menu" ref={ref} onKeyDown={onKeyDown}>
      <button type="button" className="button" aria-haspopup="menu" aria-expanded={open} onClick={() => setOpen(!open)}>
        {label} ▾
      </button>
      {open && (
        <div className="menu__list" role="menu" aria-label={label}>
          {items.map((item) => (
            <button
              key={item.label}
              type="button"
              role="menuitem"
              className="menu__item"
              disabled={item.disabled}
              onClick={() => {
                setOpen(false);
                item.onSelect();
              }}
            >
              {item.label}
            </button>
          ))}
        </div>
      )}
    </div>
  );
}
