// The console's screens: what the navigator switches between, and what an error belongs to.
export type View = 'recycling' | 'import' | 'hopper' | 'dnc' | 'jobs' | 'audit' | 'settings' | 'lead' | 'campaign' | 'callbacks' | 'live' | 'penetration' | 'activity';
