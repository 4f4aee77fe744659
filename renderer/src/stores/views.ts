// The console's screens: what the navigator switches between, and what an error belongs to.
export type View = 'recycling' | 'hopper' | 'jobs' | 'audit' | 'settings';
