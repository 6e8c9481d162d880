/** Every sidebar endpoint's implementation, by name (src/server/sidebarApi.ts binds them). */
export * from './assignment-actions';
export * from './koc-actions';
export * from './reads';
