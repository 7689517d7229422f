// The standalone MCP server (dist/mcp.js) published to VS Code, so agents that speak MCP inside it
// get the same engine: one server per workspace folder, started by VS Code with the extension
// host's own Node (ELECTRON_RUN_AS_NODE), the folder on its command line, and the provider
// endpoints and proxy from the settings in its environment. Keys are read from SecretStorage only
// when VS Code starts the server (resolve) and go into its environment, never its arguments.
// Nothing is published in an untrusted workspace. Deferred code (see register.ts).
import * as vscode from 'vscode';
import { providerIds } from '../../core/catalog/models';
import { readImageGenSettings } from '../../config/readImageGenSettings';
import type { ApiKeyStore } from '../../generation/apiKeyStore';
import { envNames } from './serverEnvironment';

export function mcpServerDefinitions(extensionUri: vscode.Uri, version: string): vscode.McpStdioServerDefinition[] {
  const folders = vscode.workspace.workspaceFolders ?? [];
  if (!vscode.workspace.isTrusted) return [];
  const script = vscode.Uri.joinPath(extensionUri, 'dist', 'mcp.js').fsPath;
  return folders
    .filter((folder) => folder.uri.scheme === 'file')
    .map((folder) => new vscode.McpStdioServerDefinition(folders.length > 1 ? `ImageGen (${folder.name})` : 'ImageGen', process.execPath, [script, '--workspace', folder.uri.fsPath], serverEnvironment(folder.uri), version));
}

/** Endpoints and proxy as the settings say (a restricted setting never comes from the workspace). */
function serverEnvironment(folder: vscode.Uri): Record<string, string> {
  const env: Record<string, string> = { ELECTRON_RUN_AS_NODE: '1' };
  const settings = readImageGenSettings(folder);
  if (settings.ok) {
    for (const provider of providerIds) env[envNames.baseUrl(provider)] = settings.settings.baseUrls[provider];
  }
  // VS Code's own proxy setting, for undici's EnvHttpProxyAgent in the server (a proxy set in the
  // environment VS Code was started from is inherited as it is).
  const http = vscode.workspace.getConfiguration('http');
  // undici reads the lowercase names first: both spellings are set, so a lowercase variable
  // inherited from the shell VS Code started in cannot override the setting.
  const proxy = http.get<string>('proxy')?.trim();
  if (proxy) Object.assign(env, bothCases('HTTPS_PROXY', proxy), bothCases('HTTP_PROXY', proxy));
  const noProxy = http.get<string[]>('noProxy') ?? [];
  if (noProxy.length > 0) Object.assign(env, bothCases('NO_PROXY', noProxy.join(',')));
  // The user's own caps (user settings only, as the editor reads them) hold for an agent on this server too.
  const budget = vscode.workspace.getConfiguration('imagegen').inspect<unknown>('budget')?.globalValue;
  if (budget !== undefined && JSON.stringify(budget) !== '{}') env.IMAGEGEN_BUDGET = JSON.stringify(budget);
  return env;
}

function bothCases(name: string, value: string): Record<string, string> {
  return { [name]: value, [name.toLowerCase()]: value };
}

/** When VS Code starts the server: the keys stored for each provider, in its environment. */
export async function resolveMcpServer(server: vscode.McpServerDefinition, keys: ApiKeyStore): Promise<vscode.McpServerDefinition> {
  if (!(server instanceof vscode.McpStdioServerDefinition)) return server;
  const env: Record<string, string | number | null> = { ...server.env };
  for (const provider of providerIds) {
    const key = await keys.get(provider);
    if (key) env[envNames.apiKey(provider)] = key;
  }
  server.env = env;
  return server;
}
