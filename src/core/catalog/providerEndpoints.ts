// Where each provider's API is unless the user says otherwise: its profile's defaultBaseUrl. The
// extension's settings declare the same defaults in package.json (the manifest test keeps the two
// equal); the standalone MCP server, which has no settings, takes them from here.
import { providerProfiles, type ProviderId } from '../../providers/profiles';

export const defaultBaseUrls: Readonly<Record<ProviderId, string>> = Object.fromEntries(providerProfiles.map((profile) => [profile.id, profile.defaultBaseUrl])) as Record<ProviderId, string>;
