// Where each provider's API is unless the user says otherwise: its profile's defaultBaseUrl. The
// extension's settings declare the same defaults in package.json (the manifest test keeps the two
// equal); the standalone MCP server, which has no settings, takes them from here.
import { perProvider, type ProviderId } from '../../providers/profiles';

export const defaultBaseUrls: Readonly<Record<ProviderId, string>> = perProvider((profile) => profile.defaultBaseUrl);
