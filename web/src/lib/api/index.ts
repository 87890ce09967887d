export { api } from './client';
export { ApiError, isAbortError } from './http';
export * from './types';
