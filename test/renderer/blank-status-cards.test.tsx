// @vitest-environment jsdom
import { cleanup, screen } from '@testing-library/react';
import { afterEach, expect, it } from 'vitest';
import { statusLabel } from '../../renderer/src/format/format';
import { RecyclingScreen } from '../../renderer/src/screens/recycling/recycling-screen';
import { breakdownOf, problemReport } from './support/fixtures';
import { renderWithStores } from './support/render';

afterEach(cleanup);

it('NULL, empty and whitespace-only statuses are cards with distinct labels', async () => {
  const blanks = breakdownOf(1, [[null, 5], ['', 4], [' ', 3], ['  ', 2], ['\t', 1], ['new', 10]]);
  renderWithStores(<RecyclingScreen listId={1} title="List" subtitle="" />, {
    'recycling/breakdown': () => blanks,
    'leads/problem-report': () => problemReport(),
    'operations/last-undoable': () => null,
  });
  for (const name of ['(no status)', '(empty)', '(blank: 1 space)', '(blank: 2 spaces)', '(blank: 1 tab)']) {
    expect(await screen.findByRole('checkbox', { name })).toBeTruthy();
  }
  expect(new Set([null, '', ' ', '  ', '\t', ' \t'].map(statusLabel)).size).toBe(6);
});
