// The provider engine as its own bundle (dist/engine.js): undici and the provider clients are
// loaded on the first request, not at activation.
export { createProvider } from './providers/createProvider';
export { HttpClient } from './providers/httpClient';
export { retrieveImage } from './providers/retrieveImage';
