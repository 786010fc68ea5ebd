/**
 * The shared pieces of a dialog's form: the row of buttons at its foot, and the line that says
 * what went wrong. Styles in ui/styles/forms.css (`dialog__actions`, `form-error`).
 */
import type { ReactNode } from 'react';

/**
 * The buttons at the foot of a dialog: the safe choice first, the main one last. With `onCancel`
 * the row starts with the Cancel button that calls it.
 */
export function DialogActions({ children, onCancel }: { children: ReactNode; onCancel?: () => void }) {
  return (
    <div className="dialog__actions">
      {onCancel && (
        <button type="button" className="button" onClick={onCancel}>
          Cancel
        </button>
      )}
      {children}
    </div>
  );
}

/**
 * What went wrong, announced to screen readers. `inline` for a problem with one field (a line
 * under it); otherwise a boxed message for the whole form.
 */
export function FormError({ children, id, inline = false }: { children: ReactNode; id?: string; inline?: boolean }) {
  return (
    <p className={inline ? 'form-error form-error--inline' : 'form-error'} id={id} role="alert">
      {children}
    </p>
  );
}
