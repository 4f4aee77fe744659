export * from './statuses';
export * from './hangup-causes';
export * from './call-result';
export * from './transitions';
export * from './problem-classes';
