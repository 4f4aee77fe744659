// "What if it were…": the same explain at another time (the CLI's `hopper explain --now`).
import { useEffect, useState } from 'react';
import { dateTime } from '../../format/format';
import { localInputValue } from './next-eligible';

export function WhatIfPicker({ now, whatIf, onChange }: { now: string; whatIf: string | null; onChange(iso: string | null): void }) {
  const [value, setValue] = useState(() => localInputValue(whatIf ?? now));
  useEffect(() => setValue(localInputValue(whatIf ?? now)), [whatIf, now]);
  const valid = value !== '' && !Number.isNaN(Date.parse(value));
  return (
    <form
      className="filters what-if"
      aria-label="What if it were another time"
      onSubmit={(e) => {
        e.preventDefault();
        if (valid) onChange(new Date(value).toISOString());
      }}
    >
      <label className="inline">
        What if it were…
        <input type="datetime-local" value={value} onChange={(e) => setValue(e.target.value)} />
      </label>
      <button type="submit" disabled={!valid}>
        Show
      </button>
      {whatIf ? (
        <>
          <button type="button" onClick={() => onChange(null)}>
            Back to now
          </button>
          <p className="note-warning" role="status">
            Eligibility as it would be at {dateTime(whatIf)}, with the leads as they are now. Queued, dialing and target are now.
          </p>
        </>
      ) : null}
    </form>
  );
}
