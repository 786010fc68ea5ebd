import { setLayoutPref, type LayoutPrefs } from '../../state/layout-prefs';
import { Icon } from '../Icon';

const NAMES = { sidebar: 'sidebar', side: 'side panel' } as const;

/** Hides or shows the sidebar or the side panel; the choice is remembered (state/layout-prefs). */
export function PanelToggle({ which, shown }: { which: Exclude<keyof LayoutPrefs, 'minimap'>; shown: boolean }) {
  const label = `${shown ? 'Hide' : 'Show'} ${NAMES[which]}`;
  return (
    <button
      type="button"
      className={`button button--icon panel-toggle panel-toggle--${which}`}
      aria-label={label}
      aria-expanded={shown}
      title={label}
      onClick={() => setLayoutPref(which, !shown)}
    >
      <Icon name={which === 'sidebar' ? 'panel-left' : 'panel-right'} />
    </button>
  );
}

/** What is left of a hidden column: a narrow rail holding the button that brings it back. */
export function CollapsedRail({ which }: { which: Exclude<keyof LayoutPrefs, 'minimap'> }) {
  return (
    <div className={`rail rail--${which}`} role="region" aria-label={which === 'sidebar' ? 'Sidebar (hidden)' : 'Side panel (hidden)'}>
      <PanelToggle which={which} shown={false} />
    </div>
  );
}
