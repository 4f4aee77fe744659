// The report channels over the reports service (docs/reports.md). The live view answers from
// the main process's cache: a window asking never reads the database more often than the
// cache allows (once per 5 seconds per campaign).
import type { AppRuntime } from '../app/app-runtime';
import type { Handlers } from './handler-types';

type ReportChannels = 'reports/penetration' | 'reports/activity' | 'reports/live' | 'reports/penetration-csv' | 'reports/activity-csv';

export function reportHandlers(runtime: AppRuntime): Pick<Handlers, ReportChannels> {
  const reports = () => runtime.services.reports;
  return {
    'reports/penetration': ({ listId, now }) => reports().penetration(listId, now),
    'reports/activity': (request) => reports().activity(request),
    'reports/live': () => reports().live.view(),
    'reports/penetration-csv': ({ listId, now }) => reports().penetrationCsv(listId, now),
    'reports/activity-csv': (request) => reports().activityCsv(request),
  };
}
