// The code loaded on first use (dist/deferred.js), not at activation: what each capability runs
// once it is used (the Generate Image wizard, the task list, the studio's controller, the agent
// tool, provenance, the presets store, what the MCP server is told), and the transport, provider
// clients and saving pipeline. One eager bundle was measured in the real extension host (issue 23,
// bench/results.md, docs/architecture.md): never below 82 ms to evaluate and activate, far over the
// 15 ms bar, so the split stays, with one boundary: only the composition root loads this file.
export { runGenerationWizard } from './commands/generationWizard';
export { requestedGeneration } from './commands/requestedGeneration';
export { TaskList } from './commands/taskList';
export { CandidatePicker } from './commands/candidatePicker';
export { StudioController } from './features/studio/studioController';
export { GenerateImageTool } from './features/agentTool/generateImageTool';
export { provenanceHover } from './features/provenance/provenanceHover';
export { imageCodeActions, runImageAction } from './features/provenance/imageActions';
export { runConvertImage } from './features/convert/convertImage';
export { PresetStore, offeredPresetInput, presetSummary } from './features/presets/presetStore';
export { mcpServerDefinitions, resolveMcpServer } from './features/mcpPublishing/mcpServerDefinitions';
export { listedOpenaiModelKeys, openaiModelListing } from './generation/openaiModelChoices';
// The engine's HTTP client and provider clients (generation/editorEngine.ts takes them through the root).
export { editorHttpClient } from './generation/editorHttp';
export { createProvider } from './providers/createProvider';
// The image library's loader (it requires dist/imaging.js, beside this file, on the first conversion).
export { loadImaging } from './imaging/loadImaging';
// The finishing step (issue 24) and the asset set markup: used once an image is delivered, not at activation.
export { finishDelivered, recordedAssetSet } from './finishing/finishDelivered';
export { finishSteps } from './finishing/finishSteps';
export { setMarkup, writtenAssetFile } from './core/output/assetSetMarkup';
// The budget and the spending ledger (issue 25): checked before each request is sent.
export { editorBudget } from './generation/editorBudget';
