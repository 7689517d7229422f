// The agent tool capability: `#generateImage` for agent mode. Its code (input checks, the
// confirmation, the answer with the image) is deferred: made on the first call.
import * as vscode from 'vscode';
import type { GenerateImageToolInput } from '../../core/agent/generateImageInput';
import type { RegisterCapability } from '../../services';
import type { GenerateImageTool } from './generateImageTool';

export const registerAgentTool: RegisterCapability = (_context, { deferred, generation }) => {
  let tool: GenerateImageTool | undefined;
  const agentTool = () => (tool ??= new (deferred().GenerateImageTool)(generation));
  // The name is package.json's languageModelTools entry (generateImageTool.ts exports it too, but
  // importing a value from there would pull the tool's code into activation).
  return vscode.lm.registerTool<GenerateImageToolInput>('imagegen_generateImage', {
    prepareInvocation: (options) => agentTool().prepareInvocation(options),
    invoke: (options, token) => agentTool().invoke(options, token),
  });
};
