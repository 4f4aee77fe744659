// A live figure (recycling, hopper): a number in an <output> with its own label.
import { useId } from 'react';
import { count } from '../format/format';

export interface FigureProps {
  label: string;
  /** Null while not known yet: shown as "…". */
  value: number | null;
  tone?: 'plain' | 'good' | 'accent';
}

export function Figure({ label, value, tone = 'plain' }: FigureProps) {
  const id = useId();
  return (
    <div className={`figure figure-${tone}`}>
      <label htmlFor={id}>{label}</label>
      <output id={id}>{value === null ? '…' : count(value)}</output>
    </div>
  );
}
