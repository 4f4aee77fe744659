// @vitest-environment jsdom
// Issue 21 item 24, the keyboard: `/` or Ctrl+K focuses the lead search; in a dialog, Escape
// cancels wherever the focus is and Enter confirms from any of its fields.
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Dialog } from '../../renderer/src/components/dialog';
import { LeadSearchBox } from '../../renderer/src/components/lead-search-box';
import { renderWithStores } from './support/render';

afterEach(cleanup);

function renderDialog(props: { confirmDisabled?: boolean } = {}) {
  const onConfirm = vi.fn();
  const onCancel = vi.fn();
  render(
    <>
      <button type="button">Outside</button>
      <Dialog title="Run it?" confirmLabel="Run" onConfirm={onConfirm} onCancel={onCancel} confirmDisabled={props.confirmDisabled}>
        <label>
          <input type="checkbox" /> Also this
        </label>
        <select aria-label="Which">
          <option>one</option>
        </select>
        <textarea aria-label="Why" />
      </Dialog>
    </>,
  );
  return { onConfirm, onCancel };
}

describe('dialogs from the keyboard', () => {
  it('Enter confirms from a field of the dialog, not from Cancel or a text area, and not while confirming is disabled', () => {
    const { onConfirm, onCancel } = renderDialog();
    fireEvent.keyDown(screen.getByRole('checkbox', { name: /also this/i }), { key: 'Enter' });
    expect(onConfirm).toHaveBeenCalledTimes(1);
    fireEvent.keyDown(screen.getByRole('combobox', { name: 'Which' }), { key: 'Enter' });
    expect(onConfirm).toHaveBeenCalledTimes(2);
    fireEvent.keyDown(screen.getByRole('button', { name: 'Cancel' }), { key: 'Enter' });
    fireEvent.keyDown(screen.getByRole('textbox', { name: 'Why' }), { key: 'Enter' });
    expect(onConfirm).toHaveBeenCalledTimes(2);
    expect(onCancel).not.toHaveBeenCalled();
    cleanup();
    const disabled = renderDialog({ confirmDisabled: true });
    fireEvent.keyDown(screen.getByRole('checkbox', { name: /also this/i }), { key: 'Enter' });
    expect(disabled.onConfirm).not.toHaveBeenCalled();
  });

  it('while its figures are counted the dialog holds the focus, then hands it to the confirm button', () => {
    const onConfirm = vi.fn();
    const ui = (disabled: boolean) => (
      <Dialog title="Run it?" confirmLabel="Run" onConfirm={onConfirm} onCancel={() => {}} confirmDisabled={disabled}>
        counting
      </Dialog>
    );
    const { rerender } = render(ui(true));
    expect(document.activeElement).toBe(screen.getByRole('dialog'));
    fireEvent.keyDown(screen.getByRole('dialog'), { key: 'Enter' });
    expect(onConfirm).not.toHaveBeenCalled();
    rerender(ui(false));
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Run' }));
  });

  it('Escape cancels even when the focus left the dialog (a click on the backdrop)', () => {
    const { onCancel } = renderDialog();
    const outside = screen.getByRole('button', { name: 'Outside' });
    outside.focus();
    fireEvent.keyDown(outside, { key: 'Escape' });
    expect(onCancel).toHaveBeenCalledTimes(1);
    fireEvent.keyDown(screen.getByRole('checkbox', { name: /also this/i }), { key: 'Escape' });
    expect(onCancel).toHaveBeenCalledTimes(2);
  });
});

describe('the lead search shortcut', () => {
  it('/ focuses the search unless the supervisor is typing in a field; Ctrl+K always does', () => {
    renderWithStores(
      <>
        <input aria-label="Other field" />
        <LeadSearchBox />
      </>,
      {},
    );
    const box = screen.getByRole('searchbox', { name: /find a lead/i });
    const other = screen.getByRole('textbox', { name: 'Other field' });
    other.focus();
    fireEvent.keyDown(other, { key: '/' });
    expect(document.activeElement).toBe(other);
    fireEvent.keyDown(other, { key: 'k', ctrlKey: true });
    expect(document.activeElement).toBe(box);
    other.focus();
    fireEvent.keyDown(document.body, { key: '/' });
    expect(document.activeElement).toBe(box);
  });
});
