/**
 * Keyboard shortcuts: one table drives both the handler and the "?" dialog, so the list shown
 * to users is always the list that works.
 */
import type { TieKind } from '../domain/types';

export type ShortcutAction =
  | 'add-stakeholder'
  | 'delete'
  | 'select-all'
  | 'copy'
  | 'paste'
  | 'duplicate'
  | 'undo'
  | 'redo'
  | 'fit-view'
  | 'zoom-in'
  | 'zoom-out'
  | 'toggle-snap'
  | 'escape'
  | 'help'
  | 'search'
  | 'rename'
  | `tie-${TieKind}`;

export interface Shortcut {
  action: ShortcutAction;
  keys: string[];
  description: string;
  match: (e: KeyboardEvent) => boolean;
}

const mod = (e: KeyboardEvent) => e.ctrlKey || e.metaKey;
const plain = (e: KeyboardEvent) => !e.ctrlKey && !e.metaKey && !e.altKey;
const key = (e: KeyboardEvent) => e.key.toLowerCase();

export const SHORTCUTS: Shortcut[] = [
  { action: 'add-stakeholder', keys: ['N'], description: 'Add a stakeholder in the middle of the view', match: (e) => plain(e) && key(e) === 'n' },
  { action: 'rename', keys: ['F2', 'Enter'], description: "Edit the selected person's name on their card (Enter on a focused card; double-click works too). Enter keeps it, Esc cancels", match: (e) => plain(e) && !e.shiftKey && e.key === 'F2' },
  { action: 'delete', keys: ['Delete', 'Backspace'], description: 'Delete the selection (people take their ties along)', match: (e) => e.key === 'Delete' || e.key === 'Backspace' },
  { action: 'select-all', keys: ['Ctrl/⌘ A'], description: 'Select everything', match: (e) => mod(e) && !e.shiftKey && key(e) === 'a' },
  { action: 'copy', keys: ['Ctrl/⌘ C'], description: 'Copy the selected people and the ties among them', match: (e) => mod(e) && !e.shiftKey && key(e) === 'c' },
  { action: 'paste', keys: ['Ctrl/⌘ V'], description: 'Paste', match: (e) => mod(e) && !e.shiftKey && key(e) === 'v' },
  { action: 'duplicate', keys: ['Ctrl/⌘ D'], description: 'Duplicate the selection', match: (e) => mod(e) && !e.shiftKey && key(e) === 'd' },
  { action: 'undo', keys: ['Ctrl/⌘ Z'], description: 'Undo', match: (e) => mod(e) && !e.shiftKey && key(e) === 'z' },
  { action: 'redo', keys: ['Ctrl/⌘ Shift Z', 'Ctrl Y'], description: 'Redo', match: (e) => (mod(e) && e.shiftKey && key(e) === 'z') || (e.ctrlKey && !e.shiftKey && key(e) === 'y') },
  { action: 'fit-view', keys: ['Shift 1'], description: 'Fit the whole map in view', match: (e) => e.shiftKey && !mod(e) && (e.key === '!' || e.code === 'Digit1') },
  { action: 'zoom-in', keys: ['+'], description: 'Zoom in', match: (e) => plain(e) && (e.key === '+' || e.key === '=') },
  { action: 'zoom-out', keys: ['-'], description: 'Zoom out', match: (e) => plain(e) && (e.key === '-' || e.key === '_') },
  { action: 'toggle-snap', keys: ['G'], description: 'Snap to grid on or off', match: (e) => plain(e) && key(e) === 'g' },
  { action: 'tie-influence', keys: ['1'], description: 'Draw influence ties', match: (e) => plain(e) && !e.shiftKey && e.key === '1' },
  { action: 'tie-trust', keys: ['2'], description: 'Draw trust ties', match: (e) => plain(e) && !e.shiftKey && e.key === '2' },
  { action: 'tie-reports-to', keys: ['3'], description: 'Draw reporting lines', match: (e) => plain(e) && !e.shiftKey && e.key === '3' },
  { action: 'tie-tension', keys: ['4'], description: 'Draw tension ties', match: (e) => plain(e) && !e.shiftKey && e.key === '4' },
  { action: 'escape', keys: ['Esc'], description: 'Clear the selection, close a dialog', match: (e) => e.key === 'Escape' },
  { action: 'help', keys: ['?'], description: 'Show keyboard shortcuts', match: (e) => e.key === '?' },
  { action: 'search', keys: ['Ctrl/⌘ K', 'F'], description: 'Find a person by name, title, department or tag', match: (e) => (mod(e) && !e.shiftKey && !e.altKey && key(e) === 'k') || (plain(e) && !e.shiftKey && key(e) === 'f') },
];

/** Shortcuts that change the map (or the drawing tools): off when the map is view only. */
export function isEditingAction(action: ShortcutAction): boolean {
  return action === 'add-stakeholder' || action === 'rename' || action === 'delete' || action === 'paste' || action === 'duplicate' || action === 'undo' || action === 'redo' || action === 'toggle-snap' || action.startsWith('tie-');
}

/** Typing in a field must never trigger canvas shortcuts. */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  const tag = target.tagName;
  if (tag === 'TEXTAREA' || tag === 'SELECT') return true;
  if (tag !== 'INPUT') return false;
  const type = (target as HTMLInputElement).type;
  return !['checkbox', 'radio', 'button', 'submit', 'range', 'color'].includes(type);
}

export function findShortcut(e: KeyboardEvent): Shortcut | undefined {
  return SHORTCUTS.find((s) => s.match(e));
}
