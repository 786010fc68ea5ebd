import { useEffect, useId, useRef, type ReactNode } from 'react';
import { Icon } from './Icon';
import { useOptionalServices } from '../state/context';
import { DialogActions } from './DialogActions';

/** A modal dialog: traps focus, closes on Escape, and gives focus back where it was. */
export function Dialog({ title, onClose, children, className }: { title: string; onClose: () => void; children: ReactNode; className?: string }) {
  const titleId = useId();
  const ref = useRef<HTMLDivElement>(null);
  // The store counts open modals, so the app's shortcuts know to wait (no DOM query).
  const store = useOptionalServices()?.store;
  useEffect(() => {
    if (!store) return;
    store.getState().modalOpened();
    return () => store.getState().modalClosed();
  }, [store]);
  useEffect(() => {
    const previous = document.activeElement as HTMLElement | null;
    const node = ref.current;
    // React focuses an autoFocus element itself (it renders no attribute); only move focus if it did not.
    if (!node?.contains(document.activeElement)) {
      const first = node?.querySelector<HTMLElement>('[data-autofocus], input, select, textarea, button, [tabindex]:not([tabindex="-1"])');
      (first ?? node)?.focus();
    }
    return () => {
      // Only if focus went down with the dialog: a choice made in it may have sent focus on (Find
      // focuses the person found), and that must not be undone.
      const now = document.activeElement;
      if (!now || now === document.body || node?.contains(now)) previous?.focus?.();
    };
  }, []);
  const onKeyDown = (e: React.KeyboardEvent) => {
    if (e.key === 'Escape') {
      e.stopPropagation();
      onClose();
      return;
    }
    if (e.key !== 'Tab' || !ref.current) return;
    const focusable = [...ref.current.querySelectorAll<HTMLElement>('button, input, select, textarea, a[href], [tabindex]:not([tabindex="-1"])')].filter((el) => !el.hasAttribute('disabled'));
    if (focusable.length === 0) return;
    const first = focusable[0];
    const last = focusable[focusable.length - 1];
    if (e.shiftKey && document.activeElement === first) {
      e.preventDefault();
      last.focus();
    } else if (!e.shiftKey && document.activeElement === last) {
      e.preventDefault();
      first.focus();
    }
  };
  return (
    <div className="dialog-backdrop" onMouseDown={(e) => e.target === e.currentTarget && onClose()}>
      <div className={`dialog ${className ?? ''}`} role="dialog" aria-modal="true" aria-labelledby={titleId} ref={ref} tabIndex={-1} onKeyDown={onKeyDown}>
        <div className="dialog__header">
          <h2 id={titleId}>{title}</h2>
          <button type="button" className="button button--icon" aria-label="Close" onClick={onClose}>
            <Icon name="close" />
          </button>
        </div>
        <div className="dialog__body">{children}</div>
      </div>
    </div>
  );
}

export function ConfirmDialog({
  title,
  children,
  confirmLabel,
  danger,
  onConfirm,
  onCancel,
}: {
  title: string;
  children: ReactNode;
  confirmLabel: string;
  danger?: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  return (
    <Dialog title={title} onClose={onCancel}>
      <p>{children}</p>
      <DialogActions>
        <button type="button" className="button" onClick={onCancel} autoFocus>
          Cancel
        </button>
        <button type="button" className={danger ? 'button button--danger-solid' : 'button button--primary'} onClick={onConfirm}>
          {confirmLabel}
        </button>
      </DialogActions>
    </Dialog>
  );
}
