export * from './api-error.js';
export * from './api-exception.filter.js';
export * from './params.js';
export * from './zod.js';
