// What is wrong with one setting, in plain words: zod/mini loads no locale, so its own messages
// are all "Invalid input". The setting is named by its zod path, mapped to the key the user sees.
import type * as z from 'zod/mini';

/** One setting that did not pass the schema: `key` is the full name (`imagegen.link.width`). */
export interface InvalidSetting {
  readonly key: string;
  readonly reason: string;
}

/** The setting key (without `imagegen.`) a schema path stands for. */
export function settingKeyOf(path: readonly PropertyKey[]): string {
  return path
    .map(String)
    .join('.')
    .replace(/^baseUrls\.(\w+)$/, '$1.baseUrl')
    .replace(/^maxDownloadMegabytes$/, 'download.maxMegabytes');
}

/** A reason in words a user can act on ("must be at least 1"), from one zod issue. */
export function plainReason(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'too_small':
      return issue.origin === 'number' ? (issue.inclusive === false ? `must be more than ${issue.minimum}` : `must be at least ${issue.minimum}`) : `must be at least ${issue.minimum} characters long`;
    case 'too_big':
      return issue.origin === 'number' ? (issue.inclusive === false ? `must be less than ${issue.maximum}` : `must be at most ${issue.maximum}`) : `must be at most ${issue.maximum} characters long`;
    case 'invalid_type':
      return typeNames[issue.expected] ?? `must be a ${issue.expected}`;
    case 'invalid_value':
      return `must be one of ${issue.values.map((value) => JSON.stringify(value)).join(', ')}`;
    default:
      return issue.message && issue.message !== 'Invalid input' ? issue.message : 'is not a valid value';
  }
}

const typeNames: Readonly<Record<string, string>> = {
  int: 'must be a whole number',
  number: 'must be a number',
  string: 'must be text',
  boolean: 'must be true or false',
  object: 'must be an object',
};

/** The message for a generation that cannot start: which settings, and why. */
export function invalidSettingsMessage(invalid: readonly InvalidSetting[]): string {
  if (invalid.length === 1) {
    return `The setting ${invalid[0]!.key} is invalid: ${invalid[0]!.reason}. Fix it in Settings (search "imagegen").`;
  }
  return `The settings ${invalid.map(({ key, reason }) => `${key} (${reason})`).join(', ')} are invalid. Fix them in Settings (search "imagegen").`;
}
