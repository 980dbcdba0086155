export * from './accounts';
export * from './audit';
export * from './city';
export * from './notifications';
export * from './reports';
export * from './api';
export * from './ideas';
export * from './votes';
