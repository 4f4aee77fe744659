// The scheduled maintenance jobs: what the app, the CLI and the IPC handlers import.
export { JobScheduler, defaultRunnerId, type JobSchedulerOptions, type TickReport } from './job-scheduler';
export { nodeScheduleTrigger, manualTrigger, type JobTrigger } from './job-triggers';
export { JobEvents, type JobEventMap, type JobRunStarted, type SchedulerDatabaseState } from './job-events';
export { JOB_DEFINITIONS, ALL_JOBS, type JobDefinition } from './job-definitions';
export { parseJobName, readSettings, type JobSetting, type SettingChange } from './job-settings';
export { validateCron, describeCron, nextTick, latestTick } from './cron';
