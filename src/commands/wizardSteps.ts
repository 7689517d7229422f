// The steps of a multi-step quick input (the wizard behind "Generate Image"): a pick, a pick of
// several, a text box; each resolves once, with a value, `back` (the back button) or undefined
// (dismissed). One home, so every step of the wizard behaves the same way.
import * as vscode from 'vscode';

export interface PickItem extends vscode.QuickPickItem {
  readonly value: string;
}

/** How many steps the wizard shows ("2/7"). */
const totalSteps = 7;

export const back = Symbol('back');
export type StepResult<T> = T | typeof back | undefined;

/**
 * Shows one step and resolves once: with what `accept` returns (undefined = not yet), `back` from
 * the back button, or undefined when the user dismisses the input.
 */
function runStep<T, Q extends vscode.QuickPick<PickItem> | vscode.InputBox>(input: Q, title: string, step: number, showBack: boolean, accept: (input: Q) => T | undefined): Promise<StepResult<T>> {
  input.title = title;
  input.step = step;
  input.totalSteps = totalSteps;
  input.ignoreFocusOut = true;
  input.buttons = showBack ? [vscode.QuickInputButtons.Back] : [];
  return new Promise((resolve) => {
    let settled = false;
    const settle = (value: StepResult<T>) => {
      if (!settled) {
        settled = true;
        resolve(value);
        input.dispose();
      }
    };
    input.onDidTriggerButton((button) => button === vscode.QuickInputButtons.Back && settle(back));
    input.onDidAccept(() => {
      const value = accept(input);
      if (value !== undefined) {
        settle(value);
      }
    });
    input.onDidHide(() => settle(undefined));
    input.show();
  });
}

export function pick(title: string, step: number, items: PickItem[], active: string | undefined, placeholder: string, prepare?: (input: vscode.QuickPick<PickItem>) => void): Promise<StepResult<string>> {
  const input = vscode.window.createQuickPick<PickItem>();
  input.placeholder = placeholder;
  // Users type what they know: a model's id or key (`gpt_image_2`, `openai:gpt-image-2`), a size.
  input.matchOnDescription = true;
  input.matchOnDetail = true;
  input.items = items;
  input.activeItems = items.filter((item) => item.value === active).slice(0, 1);
  prepare?.(input);
  // Enter before the list has an active item is not a choice, and not a cancel either.
  return runStep(input, title, step, step > 1, (quickPick) => quickPick.activeItems[0]?.value ?? quickPick.selectedItems[0]?.value);
}

export function pickMany(title: string, step: number, items: PickItem[], placeholder: string): Promise<StepResult<string[]>> {
  const input = vscode.window.createQuickPick<PickItem>();
  input.canSelectMany = true;
  input.placeholder = placeholder;
  input.matchOnDescription = true;
  input.items = items;
  return runStep(input, title, step, true, (quickPick) => quickPick.selectedItems.map((item) => item.value));
}

/** A text box; `prompt` is the line under it that says what to write. */
export function text(title: string, step: number, value: string, placeholder: string, validate: (value: string) => string | undefined, showBack: boolean, prompt?: string): Promise<StepResult<string>> {
  const input = vscode.window.createInputBox();
  input.value = value;
  input.placeholder = placeholder;
  if (prompt !== undefined) input.prompt = prompt;
  input.onDidChangeValue((current) => (input.validationMessage = validate(current)));
  return runStep(input, title, step, showBack, (box) => {
    const message = validate(box.value);
    box.validationMessage = message;
    return message ? undefined : box.value;
  });
}
