// A job's name and a run's outcome, as the jobs table and the run history show them.
import { Fragment } from 'react';
import type { JobName, JobRun } from '../../../../shared/types/jobs';
import { jobLabel } from './job-labels';

export function Outcome({ run }: { run: JobRun | null }) {
  if (!run) return <span className="outcome outcome-none">never run</span>;
  return (
    <span className={`outcome outcome-${run.outcome}`} title={run.error ?? undefined}>
      {run.outcome}
    </span>
  );
}

/** A long code may wrap in a narrow column, but only after an underscore, never mid-word. */
function breakAtUnderscores(code: string) {
  return code.split('_').map((part, i, parts) => (
    <Fragment key={i}>
      {part}
      {i < parts.length - 1 ? (
        <>
          _<wbr />
        </>
      ) : null}
    </Fragment>
  ));
}

/** The plain name, and the code the CLI and the logs use in small type under it. */
export function JobTitle({ job, description }: { job: JobName; description?: string }) {
  return (
    <>
      <span className="job-name" title={description}>
        {jobLabel(job)}
      </span>
      <code className="job-code">{breakAtUnderscores(job)}</code>
    </>
  );
}
