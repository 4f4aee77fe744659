// A modal confirmation: focus moves in, Tab stays in, Escape cancels (wherever the focus went, a
// click on the backdrop included), Enter confirms from any field of it, focus returns after.
import { useEffect, useId, useRef, type ReactNode } from 'react';

export interface DialogProps {
  title: string;
  children: ReactNode;
  confirmLabel: string;
  onConfirm(): void;
  onCancel(): void;
  confirmDisabled?: boolean;
  tone?: 'danger' | 'primary';
}

export function Dialog({ title, children, confirmLabel, onConfirm, onCancel, confirmDisabled, tone = 'primary' }: DialogProps) {
  const titleId = useId();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const previous = document.activeElement as HTMLElement | null;
    // A confirm button still disabled (the figures are being counted) cannot take the focus: the
    // dialog itself does, so that keys reach it; the button gets it once it is enabled.
    const confirm = ref.current?.querySelector<HTMLButtonElement>('[data-autofocus]');
    if (confirm && !confirm.disabled) confirm.focus();
    else ref.current?.focus();
    return () => previous?.focus?.();
  }, []);
  useEffect(() => {
    if (!confirmDisabled && document.activeElement === ref.current) ref.current?.querySelector<HTMLElement>('[data-autofocus]')?.focus();
  }, [confirmDisabled]);
  // Escape from outside the dialog too: a click on the backdrop leaves the focus on the page.
  useEffect(() => {
    const onDocumentKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape' || ref.current?.contains(e.target as Node)) return;
      onCancel();
    };
    document.addEventListener('keydown', onDocumentKey);
    return () => document.removeEventListener('keydown', onDocumentKey);
  }, [onCancel]);
  const onKeyDown = (e: React.KeyboardEvent) => {
    const target = e.target as HTMLElement;
    if (e.key === 'Escape') {
      e.stopPropagation();
      onCancel();
    } else if (e.key === 'Enter' && !['BUTTON', 'TEXTAREA', 'A'].includes(target.tagName)) {
      // A button's Enter is its own click (Cancel cancels); a text area's is a new line.
      e.preventDefault();
      if (!confirmDisabled) onConfirm();
    } else if (e.key === 'Tab' && ref.current) {
      const focusable = Array.from(ref.current.querySelectorAll<HTMLElement>('button:not([disabled]), input:not([disabled]), select, textarea'));
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
    }
  };
  return (
    <div className="dialog-backdrop">
      <div className="dialog" role="dialog" aria-modal="true" aria-labelledby={titleId} ref={ref} onKeyDown={onKeyDown} tabIndex={-1}>
        <h2 id={titleId}>{title}</h2>
        <div className="dialog-body">{children}</div>
        <div className="dialog-actions">
          <button type="button" onClick={onCancel}>
            Cancel
          </button>
          <button type="button" className={tone === 'danger' ? 'danger' : 'primary'} onClick={onConfirm} disabled={confirmDisabled} data-autofocus>
            {confirmLabel}
          </button>
        </div>
      </div>
    </div>
  );
}
