// The provider engine as its own bundle (dist/engine.js): undici, the provider clients and the
// Generate Image wizard are loaded when first needed, not at activation.
export { createProvider } from './providers/createProvider';
export { HttpClient } from './providers/httpClient';
export { retrieveImage } from './providers/retrieveImage';
export { runGenerationWizard } from './commands/generationWizard';
