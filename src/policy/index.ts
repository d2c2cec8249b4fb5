export * from './schema.js';
export * from './registry.js';
