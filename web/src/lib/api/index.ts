export { api } from './client';
export { ApiError, isAbortError, setUnauthorizedListener } from './http';
export * from './types';
export * from './circle-types';
export * from './access-types';
export * from './finder-types';
export { hazardsApi } from './hazards-client';
export * from './hazards-types';
