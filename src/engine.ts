// The provider engine as its own bundle (dist/engine.js), loaded on first use, not at
// activation: the transport on the host's fetch, the provider clients, the saving pipeline, the
// Generate Image wizard, and the studio's controller (when a studio is first shown). Measured:
// one bundle would be 117 KB at activation (≤ 80 KB is the budget); this split keeps it under.
export { createProvider } from './providers/createProvider';
export { HttpClient } from './providers/httpClient';
export { TimeoutAbort } from './providers/http/timedBody';
export { isLoopbackUrl } from './core/http/imageUrlPolicy';
export { ImageFileWriter } from './saving/imageFileWriter';
export { saveImage } from './saving/saveImage';
export { checkSaveLocation, prepareSavePlace, prepareSaveLocation, savePlaceOf } from './saving/workspaceImages';
export { runGenerationWizard } from './commands/generationWizard';
export { TaskList } from './commands/taskList';
export { StudioController } from './studio/studioController';
export { GenerateImageTool } from './lm/generateImageTool';
export { provenanceHover } from './provenance/provenanceHover';
export { imageCodeActions, runImageAction } from './provenance/imageActions';
export { PresetStore, offeredPresetInput, presetSummary } from './presets/presetStore';
export { mcpServerDefinitions, resolveMcpServer } from './lm/mcpServerDefinitions';
export { requestedGeneration } from './commands/requestedGeneration';
export { validateGeneration } from './core/catalog/validateGeneration';
export { listedOpenaiModelKeys, openaiModelListing } from './generation/openaiModelChoices';
