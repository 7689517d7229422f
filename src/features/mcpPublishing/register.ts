// The MCP publishing capability: the standalone MCP server (dist/mcp.js) offered to agents in VS
// Code. Both sides of the server's environment contract live in this folder: what VS Code is told
// to start (mcpServerDefinitions.ts, deferred code worked out when VS Code asks) and what the
// server reads (serverEnvironment.ts, vscode-free because dist/mcp.js bundles it).
import * as vscode from 'vscode';
import type { RegisterCapability } from '../../services';
import { disposableOf } from '../../util/dispose';

/** The publishing as registered; `servers` is what host tests ask. */
export interface McpPublishing extends vscode.Disposable {
  readonly servers: vscode.McpServerDefinitionProvider;
}

export const registerMcpPublishing: RegisterCapability<McpPublishing> = (_context, { deferred, extensionUri, version, keys }) => {
  const changed = new vscode.EventEmitter<void>();
  const fireChanged = () => changed.fire();
  const servers: vscode.McpServerDefinitionProvider = {
    onDidChangeMcpServerDefinitions: changed.event,
    provideMcpServerDefinitions: () => deferred().mcpServerDefinitions(extensionUri, version),
    resolveMcpServerDefinition: (server) => deferred().resolveMcpServer(server, keys),
  };
  const registrations = disposableOf(
    changed,
    vscode.workspace.onDidChangeWorkspaceFolders(fireChanged),
    vscode.workspace.onDidGrantWorkspaceTrust(fireChanged),
    vscode.workspace.onDidChangeConfiguration((event) => (event.affectsConfiguration('imagegen') || event.affectsConfiguration('http')) && fireChanged()),
    vscode.lm.registerMcpServerDefinitionProvider('imagegen.mcpServer', servers),
  );
  return Object.assign(registrations, { servers });
};
