// A job's schedule: its plain reading and cron string, edited in place.
import { useState } from 'react';
import type { JobInfo } from '../../../../shared/types/jobs';
import { useStores } from '../../stores/stores';
import { jobLabel } from './job-labels';

export function ScheduleEditor({ job }: { job: JobInfo }) {
  const { jobs } = useStores();
  const [editing, setEditing] = useState(false);
  const [value, setValue] = useState(job.schedule);
  const name = jobLabel(job.job);
  if (!editing) {
    return (
      <div className="schedule">
        <span className="schedule-text">{job.schedule_text}</span>
        <code className="cron">{job.schedule}</code>{' '}
        <button type="button" className="link" onClick={() => (setValue(job.schedule), setEditing(true))} aria-label={`Edit schedule of ${name}`}>
          Edit
        </button>
      </div>
    );
  }
  return (
    <form
      className="schedule-form"
      onSubmit={(e) => {
        e.preventDefault();
        void jobs
          .getState()
          .setSchedule(job.job, value)
          .then((ok) => ok && setEditing(false));
      }}
    >
      <input type="text" value={value} onChange={(e) => setValue(e.target.value)} aria-label={`Schedule of ${name}`} maxLength={120} />
      <button type="submit">Save</button>
      <button type="button" onClick={() => setEditing(false)}>
        Cancel
      </button>
    </form>
  );
}
