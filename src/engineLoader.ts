// A shim for src/generation/ only, until the vscode-free engine (branch i23-engine) replaces its
// loadEngine() calls with imports: then this file and the generation-only exports of deferred.ts
// go. The architecture test allows no other importer.
export { loadDeferred as loadEngine } from './loadDeferred';
