// The settings a task runs with, and every default in one place: the editor's manifest declares the
// same values (test/unit/engineSettings.test.ts keeps package.json's `contributes.configuration`
// equal to these), and a host without settings (the MCP server, the command line) runs on them.
import { defaultFileNameTemplate } from '../core/assets/fileNameTemplate';
import { defaultModelKey } from '../core/catalog/generationDraft';
import { defaultBaseUrls } from '../core/catalog/providerEndpoints';
import { readSettings, settingKeys, type Settings, type SettingsResult } from '../config/settings';

export type EngineSettings = Settings;
export type { SettingsResult };

/** Each setting's default, by its key under `imagegen.`; null: none (each model's own advice, no width). */
export const engineDefaults: Readonly<Record<string, unknown>> = {
  [settingKeys.defaultModel]: defaultModelKey,
  [settingKeys.baseUrl('aireiter')]: defaultBaseUrls.aireiter,
  [settingKeys.baseUrl('jimmyai')]: defaultBaseUrls.jimmyai,
  [settingKeys.baseUrl('openai')]: defaultBaseUrls.openai,
  [settingKeys.assetsFolder]: 'assets',
  [settingKeys.initialDelaySeconds]: null,
  [settingKeys.intervalSeconds]: null,
  [settingKeys.timeoutSeconds]: null,
  [settingKeys.maxDownloadMegabytes]: 50,
  [settingKeys.downloadTimeoutSeconds]: 300,
  [settingKeys.openaiTimeoutSeconds]: 600,
  [settingKeys.openaiPartialImages]: 2,
  [settingKeys.linkStyle]: 'relative',
  [settingKeys.linkSiteRoot]: '',
  [settingKeys.linkWidth]: null,
  [settingKeys.fileName]: defaultFileNameTemplate,
  [settingKeys.budget]: {},
};

/** The settings read through `get`, each key `get` does not answer (undefined) taking its default. */
export function settingsWithDefaults(get: (key: string) => unknown = () => undefined): SettingsResult {
  return readSettings((key) => get(key) ?? engineDefaults[key], undefined, (key) => engineDefaults[key]);
}

/** Where the settings come from: the editor's configuration for a document (`scope`, a URI), or a host's fixed values. */
export interface SettingsSource {
  read(scope?: string): SettingsResult;
}
