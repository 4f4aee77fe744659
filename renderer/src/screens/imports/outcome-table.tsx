// Figures per outcome of an import or a dry run, with the first rows of each.
import { SKIP_OUTCOMES, type ImportReport } from '../../../../shared/types/imports';
import { count } from '../../format/format';

const WORDS: Record<(typeof SKIP_OUTCOMES)[number] | 'imported', string> = {
  imported: 'Imported',
  missing_phone: 'No phone',
  invalid_phone: 'Not a phone number',
  invalid_timezone: 'Unknown timezone',
  dnc: 'On the DNC list',
  duplicate: 'Duplicate',
};

export function OutcomeTable({ report, caption }: { report: ImportReport; caption: string }) {
  const rows = [['imported', report.imported] as const, ...SKIP_OUTCOMES.map((o) => [o, report.outcomes[o]] as const)];
  return (
    <table className="data-table outcome-table">
      <caption>
        {caption}: {count(report.rows)} rows read
      </caption>
      <thead>
        <tr>
          <th scope="col">Outcome</th>
          <th scope="col">Rows</th>
          <th scope="col">First rows</th>
        </tr>
      </thead>
      <tbody>
        {rows.map(([outcome, n]) => (
          <tr key={outcome} className={`outcome-${outcome}`}>
            <th scope="row">{WORDS[outcome]}</th>
            <td className="num">{count(n)}</td>
            <td>{outcome === 'imported' || n === 0 ? '' : `${report.first_rows[outcome].join(', ')}${n > report.first_rows[outcome].length ? ', …' : ''}`}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
