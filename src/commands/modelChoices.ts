// The wizard's model step beyond the catalog: the ids the OpenAI-compatible endpoint lists (they
// arrive while the list is open) and an id the user types that matches nothing listed, which is
// still used (OpenAI-compatible endpoints take any model id; the provider checks it).
import * as vscode from 'vscode';
import { typedModelKey } from '../core/catalog/modelKeys';

export interface ModelPickItem extends vscode.QuickPickItem {
  readonly value: string;
}

const unlistedNote = () => vscode.l10n.t("not in ImageGen's list: sizes checked by the provider");

/**
 * Adds to an open model pick the endpoint's listed ids (busy until they arrive) and, while the
 * user types, an item that uses exactly what was typed.
 */
export function offerEndpointModels(input: vscode.QuickPick<ModelPickItem>, listModels: (() => Promise<readonly string[]>) | undefined, current?: string): void {
  const base = [...input.items];
  // The last run's model, typed then or listed then, is offered (and active) again.
  if (current && !base.some((item) => item.value === current) && typedModelKey(current) === current) {
    const remembered = { value: current, label: current.slice(current.indexOf(':') + 1), description: `${current} · ${unlistedNote()}` };
    base.unshift(remembered);
    input.items = base;
    if (!input.activeItems.some((item) => base.includes(item) && item !== remembered)) input.activeItems = [remembered];
  }
  let listed: ModelPickItem[] = [];
  let typed: ModelPickItem | undefined;
  const known = () => new Set([...base, ...listed].map((item) => item.value));
  const render = () => {
    const active = input.activeItems[0]?.value;
    input.items = [...(typed ? [typed] : []), ...base, ...(listed.length > 0 ? [{ value: '', label: vscode.l10n.t('Listed by your OpenAI-compatible endpoint'), kind: vscode.QuickPickItemKind.Separator }, ...listed] : [])];
    const keep = typed ?? input.items.find((item) => item.value === active && item.kind !== vscode.QuickPickItemKind.Separator);
    if (keep) input.activeItems = [keep];
  };
  if (listModels) {
    input.busy = true;
    void listModels()
      .then((keys) => {
        const have = known();
        listed = keys.filter((key) => !have.has(key)).map((key) => ({ value: key, label: key.slice('openai:'.length), description: `${key} · ${unlistedNote()}` }));
        render();
      })
      .catch(() => undefined)
      .finally(() => (input.busy = false));
  }
  input.onDidChangeValue((text) => {
    const key = typedModelKey(text);
    const next = key && !known().has(key) ? { value: key, label: `$(edit) ${key}`, description: vscode.l10n.t('use this model id'), detail: unlistedNote(), alwaysShow: true } : undefined;
    if (next?.value === typed?.value) return;
    typed = next;
    render();
  });
}
