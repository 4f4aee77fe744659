#!/usr/bin/env node
// Runs the TypeScript CLI directly through tsx, so `npx lead-console` works right after
// `npm install` with no build step.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../main/cli/index.ts');
process.exitCode = await main(process.argv);
