// The report channels over the reports service (docs/reports.md).
import { ConsoleError } from '../../shared/errors';
import type { AppRuntime } from '../app/app-runtime';
import type { Handlers } from './handler-types';

type ReportChannels = 'reports/penetration' | 'reports/activity' | 'reports/live' | 'reports/penetration-csv' | 'reports/activity-csv';

// The contract first (the screens are built on it); the services land in the next commit.
const notYet = async (): Promise<never> => {
  throw new ConsoleError('internal', 'The reports are not built yet.');
};

export function reportHandlers(_runtime: AppRuntime): Pick<Handlers, ReportChannels> {
  return {
    'reports/penetration': notYet,
    'reports/activity': notYet,
    'reports/live': notYet,
    'reports/penetration-csv': notYet,
    'reports/activity-csv': notYet,
  };
}
