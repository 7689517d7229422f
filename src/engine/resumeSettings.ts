// The settings a task picked up after a reload runs with. It may already be paid for, so a bad
// value of a setting it does not depend on (a default model this version does not know, a link
// width of 0) never stops it: that setting's default stands in, and the user is told once per
// window which setting is wrong. Only its own provider's base URL stops it: without one the
// provider cannot be reached.
import type { ProviderId } from '../core/catalog/providerNames';
import { invalidSettingsMessage, type InvalidSetting } from '../config/settingProblems';
import { settingKeys, type Settings, type SettingsResult } from '../config/settings';
import type { Logger, Reporter } from './ports';

export type ResumeSettings = { readonly ok: true; readonly settings: Settings; readonly replaced: readonly InvalidSetting[] } | { readonly ok: false; readonly message: string };

/** Which settings a resumed task of `provider` uses, and which bad ones were replaced by defaults; or why it cannot go on. */
export function settingsForResume(result: SettingsResult, provider: ProviderId): ResumeSettings {
  if (result.ok) {
    return { ok: true, settings: result.settings, replaced: [] };
  }
  const ownBaseUrl = `imagegen.${settingKeys.baseUrl(provider)}`;
  const blocking = result.invalid.filter((setting) => setting.key === ownBaseUrl);
  if (blocking.length > 0) {
    return { ok: false, message: invalidSettingsMessage(blocking) };
  }
  if (!result.withDefaults) {
    return { ok: false, message: result.message };
  }
  return { ok: true, settings: result.withDefaults, replaced: result.invalid };
}

/** Chooses resumed tasks' settings and says each replaced setting once per window (log and a warning). */
export class ResumedSettings {
  private readonly reported = new Set<string>();

  constructor(
    private readonly log: Logger,
    private readonly notifier: Reporter,
  ) {}

  choose(result: SettingsResult, provider: ProviderId): ResumeSettings {
    const chosen = settingsForResume(result, provider);
    if (chosen.ok) {
      const fresh = chosen.replaced.filter(({ key }) => !this.reported.has(key));
      fresh.forEach(({ key }) => this.reported.add(key));
      if (fresh.length > 0) {
        const named = fresh.map(({ key, reason }) => `${key} (${reason})`);
        this.log.warn(`Resumed tasks use the defaults of these invalid settings: ${named.join(', ')}`);
        this.notifier.settingsReplacedByDefaults(named);
      }
    }
    return chosen;
  }
}
