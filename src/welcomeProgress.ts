// The walkthrough's steps complete on real outcomes (package.json → contributes.walkthroughs →
// completionEvents): a key stored, an image generated. Both context keys are counts, not flags:
// the walkthrough notices changes only, and it may be opened (and start listening) after the
// first key or image; each new one changes the value again. Secret storage is never read at
// start-up (on Linux that can bring up a keyring prompt): only a key stored in this window counts.
import * as vscode from 'vscode';
import { welcomeContextKeys } from './core/welcomeContextKeys';
import type { ApiKeyStore } from './generation/apiKeyStore';
import type { GenerationPipeline } from './generation/generationPipeline';
import { Disposable } from './util/dispose';

export class WelcomeProgress extends Disposable {
  constructor(keys: ApiKeyStore, generation: GenerationPipeline) {
    super();
    let keysStored = 0;
    this.register(
      keys.onDidSet(() => {
        keysStored += 1;
        void vscode.commands.executeCommand('setContext', welcomeContextKeys.hasApiKey, keysStored);
      }),
    );
    let images = generation.list().filter((record) => record.state === 'succeeded').length;
    const generated = () => void vscode.commands.executeCommand('setContext', welcomeContextKeys.hasGeneratedImage, images);
    generated();
    this.register(
      generation.onDidFinish((record) => {
        if (record.state !== 'succeeded') return;
        images += 1;
        generated();
      }),
    );
  }
}
