// The compact view of a list's statuses: one row per stored word, sortable by count, for lists
// with many odd words where cards would run for pages.
import { useState } from 'react';
import { categoryOfStored } from '../../../../shared/catalogue';
import type { StatusCount } from '../../../../shared/types/status';
import { DataTable, type Column } from '../../components/data-table';
import { count, percent, statusLabel } from '../../format/format';
import { mayPick, sameStatus } from '../../stores/recycling/recycling-rules';
import type { StatusCardsProps } from './status-cards';
import { CATEGORY_TEXT, lockNote, meaningOf } from './status-words';

type Order = 'descending' | 'ascending';

export function StatusTable({ statuses, selection, override, disabled, onToggle }: StatusCardsProps) {
  const [order, setOrder] = useState<Order>('descending');
  const rows = [...statuses].sort((a, b) => (order === 'descending' ? b.count - a.count : a.count - b.count));
  const columns: Column<StatusCount>[] = [
    {
      key: 'status',
      header: 'Status',
      cell: (row) => {
        const checked = selection.some((s) => sameStatus(s, row.status));
        const pickable = mayPick(row.status, override);
        return (
          <label className={`table-check${pickable ? '' : ' locked'}`}>
            <input
              type="checkbox"
              checked={checked}
              disabled={disabled || (!pickable && !checked)}
              onChange={() => onToggle(row.status)}
              aria-label={statusLabel(row.status)}
            />
            <span className="status-word">{statusLabel(row.status)}</span>
          </label>
        );
      },
    },
    { key: 'category', header: 'Category', cell: (row) => <span className={`category-tag tag-${categoryOfStored(row.status)}`}>{CATEGORY_TEXT[categoryOfStored(row.status)]}</span> },
    {
      key: 'leads',
      header: (
        <button type="button" className="link sort" onClick={() => setOrder(order === 'descending' ? 'ascending' : 'descending')}>
          Leads {order === 'descending' ? '▼' : '▲'}
        </button>
      ),
      headerClassName: 'num',
      ariaSort: order,
      className: 'num',
      cell: (row) => count(row.count),
    },
    { key: 'share', header: 'Share', headerClassName: 'num', className: 'num', cell: (row) => percent(row.share) },
    {
      key: 'meaning',
      header: 'Meaning',
      cell: (row) => {
        const note = lockNote(row.status, override);
        return note ? <span className="status-note">{note}</span> : <span className="status-meaning">{meaningOf(row.status)}</span>;
      },
    },
  ];
  return <DataTable label="Statuses in this list" columns={columns} rows={rows} rowKey={(row) => row.status ?? '\u0000'} empty={null} />;
}
