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
      name: 'db-dialect-folders-apart',
      comment: 'What only SQLite has (main/db/sqlite) and what only PostgreSQL has (main/db/postgres) never import each other.',
      severity: 'error',
      from: { path: '^main/db/(sqlite|postgres)/' },
      to: { path: '^main/db/(sqlite|postgres)/', pathNot: '^main/db/$1/' },
    },
    {
      name: 'migrations-stand-alone',
      comment: 'A migration that has shipped must run the same forever: it uses the dialect, never helpers that may change.',
      severity: 'error',
      from: { path: '^main/db/migrations/' },
      to: { path: '^main/db/(sqlite|postgres|query)/' },
    },
    {
      name: 'leads-repository-below-features',
      comment: 'main/services/leads is the repository that calls, problems, status, recycling and the hopper share: it imports none of them.',
      severity: 'error',
      from: { path: '^main/services/leads/' },
      to: { path: '^main/services/(?!leads/)[^/]+/' },
    },
    {
      name: 'calls-and-problems-below-hopper',
      comment: 'Applying calls and fixing problem leads know no hopper, recycling or jobs: a dropped lead goes back through the DroppedRequeue interface.',
      severity: 'error',
      from: { path: '^main/services/(calls|problems)/' },
      to: { path: '^main/services/(hopper|recycling|imports|jobs|status|campaigns|audit|lead-lookup)/' },
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
