// The engine's ports for a host without an editor (the MCP server, the command line): keys from
// the IMAGEGEN_* environment (never stored, so no "key stored" event), settings that are the
// engine's defaults with the environment's endpoints, references read from the one workspace
// folder, log lines for messages, and no questions: what a headless host cannot ask is answered
// "no answer" (an overdue task is followed on slowly, a task without its key waits with a note).
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { ProviderId } from '../../core/catalog/models';
import { providerIdOf, providerNames } from '../../core/catalog/providerNames';
import { settingKeys } from '../../config/settings';
import { settingsWithDefaults, type SettingsSource } from '../../engine/engineSettings';
import type { KeySource, Logger, ReferenceFiles, Reporter } from '../../engine/ports';
import { envNames, type ServerEnvironment } from '../../features/mcpPublishing/serverEnvironment';

export type ServerLog = (line: string, level?: 'info' | 'warning') => void;

export function standaloneLogger(log: ServerLog): Logger {
  return {
    info: (message) => log(message),
    warn: (message) => log(message, 'warning'),
    error: (message, ...details) => log([message instanceof Error ? message.message : message, ...details.map((detail) => (detail instanceof Error ? detail.message : String(detail)))].join(': '), 'warning'),
  };
}

export function environmentKeys(environment: ServerEnvironment): KeySource {
  return { get: async (provider) => environment.apiKeys[provider], onDidStore: () => ({ dispose: () => undefined }) };
}

/**
 * The engine's defaults (engine/engineSettings.ts), with the environment's base URLs and optional
 * file-name template and polling timeout. No partial images: nobody here sees a preview, and each
 * one is billed as output.
 */
export function environmentSettings(environment: ServerEnvironment): SettingsSource {
  const given: Record<string, unknown> = {
    ...Object.fromEntries((Object.keys(environment.baseUrls) as ProviderId[]).map((provider) => [settingKeys.baseUrl(provider), environment.baseUrls[provider]])),
    [settingKeys.openaiPartialImages]: 0,
    ...(environment.fileName !== undefined ? { [settingKeys.fileName]: environment.fileName } : {}),
    ...(environment.pollingTimeoutSeconds !== undefined ? { [settingKeys.timeoutSeconds]: environment.pollingTimeoutSeconds } : {}),
  };
  return { read: () => settingsWithDefaults((key) => given[key]) };
}

/** References are workspace-relative paths (checked in core/agent), confined to the workspace's real path. */
export function workspaceReferenceFiles(workspace: string): ReferenceFiles {
  return {
    locate: (reference) => {
      const file = join(workspace, ...reference.split('/'));
      return { file, confine: { path: file, root: workspace } };
    },
    size: async (file) => (await stat(file)).size,
    read: (file) => readFile(file),
  };
}

const providerName = (modelKey: string) => providerNames[providerIdOf(modelKey) ?? 'openai'];

export function headlessReporter(logger: Logger): Reporter {
  return {
    canAsk: false,
    askForApiKey: async () => false,
    generationFailed: () => undefined, // The runner logged it; the caller reads the task.
    askAboutOverdueTask: async () => undefined,
    settingsReplacedByDefaults: (keys) => logger.warn(`Resumed tasks use the defaults of these invalid settings: ${keys.join(', ')}`),
    restrictedMode: () => 'This workspace is not trusted.',
    invalidSettings: (message) => message,
    requestRefused: (reasons) => reasons.join(' '),
    overBudget: (message) => message,
    noKeyNoRequest: (provider) => `No API key for ${providerNames[provider]}. Nothing was sent.`,
    noKeyMessage: (modelKey) => {
      const provider = providerIdOf(modelKey) ?? 'openai';
      return `No API key for ${providerNames[provider]}: set ${envNames.apiKey(provider)} in the server's environment (the "env" of its entry in your MCP client's configuration). Nothing was sent.`;
    },
    waitingForKeyNote: (record) =>
      `No key for ${providerName(record.input.modelKey)} in the server's environment: set ${envNames.apiKey(providerIdOf(record.input.modelKey) ?? 'openai')} and restart the server to follow this task on (it ${record.acceptedAt !== undefined || record.taskId !== undefined ? 'was accepted' : 'may have reached the provider'} and may be charged).`,
  };
}
