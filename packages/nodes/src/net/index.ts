export * from './address.js';
export * from './outbound-guard.js';
export * from './retry.js';
