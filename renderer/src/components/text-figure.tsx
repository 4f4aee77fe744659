// A figure whose value is text (a rate, a time, "120 / 200") with an optional line under it (the
// target, a flag, a link) that is read together with the value. Numbers alone: figure.tsx.
import { useId, type ReactNode } from 'react';

export function TextFigure({ label, value, note, tone = 'plain' }: { label: string; value: ReactNode; note?: ReactNode; tone?: 'plain' | 'good' | 'bad' | 'warn' }) {
  const id = useId();
  return (
    <div className={`text-figure tone-${tone}`}>
      <label htmlFor={id}>{label}</label>
      <output id={id} aria-describedby={note ? `${id}-note` : undefined}>
        {value}
      </output>
      {note ? (
        <span className="figure-note" id={`${id}-note`}>
          {note}
        </span>
      ) : null}
    </div>
  );
}
