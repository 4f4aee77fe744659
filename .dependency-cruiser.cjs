// The import rules of docs/architecture.md ("Layers and import rules"), checked by
// test/architecture/boundaries.test.ts on every `npm test`. A rule names folders, so a new
// subfolder (main/db/sqlite, main/services/calls, …) is covered without a change here.
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'renderer-not-main',
      comment: 'The renderer reaches the back end only through the contract (shared/ipc) and its transport.',
      severity: 'error',
      from: { path: '^renderer/' },
      to: { path: '^(main|preload)/' },
    },
    {
      name: 'shared-stands-alone',
      comment: 'shared/ is used by main and renderer alike, so it imports neither.',
      severity: 'error',
      from: { path: '^shared/' },
      to: { path: '^(main|renderer|preload)/' },
    },
    {
      name: 'preload-only-contract',
      comment: 'The preload exposes the contract and nothing else of the app.',
      severity: 'error',
      from: { path: '^preload/' },
      to: { path: '^(main|renderer)/' },
    },
    {
      name: 'services-not-transport',
      comment:
        'A service knows nothing of how it is called: no CLI, browser mode, Electron, IPC handler, app runtime or IPC contract. ' +
        'An event a service emits is typed in the service and mapped to a push event in main/app.',
      severity: 'error',
      from: { path: '^main/services/' },
      to: { path: '^(main/(cli|web|electron|ipc|app)/|shared/ipc/)' },
    },
    {
      name: 'db-below-services',
      comment: 'main/db is the bottom layer of main: it imports no service and nothing above.',
      severity: 'error',
      from: { path: '^main/db/' },
      to: { path: '^main/(services|cli|web|electron|ipc|app|demo|simulator)/' },
    },
    {
      name: 'adapters-not-cli',
      comment: 'The app runtime, the handlers and the adapters do not depend on the command line.',
      severity: 'error',
      from: { path: '^main/(app|ipc|web|electron)/' },
      to: { path: '^main/cli/' },
    },
    {
      name: 'no-cycles',
      comment: 'No import cycle anywhere, bench/ and test/ included; a type-only import counts.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(node_modules|dist|coverage|test-results)/' },
    // Type-only imports count: a cycle of types is still two files that cannot be read apart.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      extensions: ['.ts', '.tsx', '.mjs', '.js', '.cjs', '.json'],
    },
  },
};
