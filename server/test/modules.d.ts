/** ws and pg ship no types; the tests use only ws's WebSocket (the provider's polyfill) and pg's Client. */
declare module 'ws';
declare module 'pg';
declare module 'better-sqlite3';
