// The walkthrough's steps complete on real outcomes (package.json → contributes.walkthroughs →
// completionEvents): a key stored, an image generated, in this window. VS Code's walkthrough
// service takes each context event once per window, and one already true when it registers the
// walkthrough as seen without completing the step; so both keys start unset and only change on
// an outcome here. Secret storage is never read at start-up (on Linux that can bring up a
// keyring prompt).
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
    // Images made in this window: VS Code counts a context key that was already set when the
    // walkthrough was registered as seen, so a count carried over from the history would never tick.
    let images = 0;
    this.register(
      generation.onDidFinish((record) => {
        if (record.state !== 'succeeded') return;
        images += 1;
        void vscode.commands.executeCommand('setContext', welcomeContextKeys.hasGeneratedImage, images);
      }),
    );
  }
}
