/**
 * What scripts/bench-team.mjs needs in Node: the app's own key derivation, sealing and Y.Doc
 * mapping (src/sync), its repository for the local-open baseline, and the test organisation.
 * Bundled with Vite into bench/dist/team-node/ (Node 20 cannot import TypeScript directly);
 * yjs, the provider and dexie stay external, so there is one copy of yjs.
 */
export { generateOrganisation } from '../../src/analysis/generate';
export { creationToken, deriveRoomKeys, newRoom } from '../../src/sync/keys';
export { applyPlan, planChanges, readDocument, roots } from '../../src/sync/ydoc';
export { openValue } from '../../src/sync/seal';
export { readDocumentWithSnapshot, writeSnapshot } from '../../src/sync/snapshot';
export { InfluenceDb } from '../../src/storage/db';
export { Repository } from '../../src/storage/repository';
export { restoreDocument } from '../../src/domain/restore';
