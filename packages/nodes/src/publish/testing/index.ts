export * from './http.js';
export * from './fake-wordpress.js';
export * from './fake-ghost.js';
export * from './fake-webhook.js';
export * from './context.js';
export * from './fixtures.js';
