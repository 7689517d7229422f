// The walkthrough's steps complete on real events: context keys set when a key is stored and when
// an image has been generated (package.json → contributes.walkthroughs → completionEvents).
import * as vscode from 'vscode';
import { providerIds } from './core/catalog/models';
import { welcomeContextKeys } from './core/welcomeContextKeys';
import type { ApiKeyStore } from './generation/apiKeyStore';
import type { GenerationPipeline } from './generation/generationPipeline';
import { Disposable } from './util/dispose';

export class WelcomeProgress extends Disposable {
  constructor(secrets: vscode.SecretStorage, private readonly keys: ApiKeyStore, generation: GenerationPipeline) {
    super();
    void this.updateKeys();
    this.register(secrets.onDidChange(() => void this.updateKeys()));
    // A count, not a flag: the walkthrough page notices changes only, and it may be opened (and
    // start listening) after the first image; each new image changes the value again.
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

  private async updateKeys(): Promise<void> {
    const stored = await Promise.all(providerIds.map((id) => this.keys.get(id)));
    await vscode.commands.executeCommand('setContext', welcomeContextKeys.hasApiKey, stored.some(Boolean));
  }
}
