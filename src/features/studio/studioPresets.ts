// The team's presets as the studio's form applies them: every choice, the references as workspace
// paths, and the output (the line or object of the file, as options).
import type { StudioPreset } from '../../protocol/studioMessages';
import { presetSummary, type OfferedPreset } from '../presets/presetStore';

export function studioPresetOf({ id, label, preset, referencePaths }: OfferedPreset): StudioPreset {
  return {
    id,
    label,
    summary: presetSummary(preset),
    model: preset.model,
    referencePaths: [...referencePaths],
    ...Object.fromEntries((['description', 'style', 'aspectRatio', 'resolution', 'size', 'quality'] as const).flatMap((key) => (preset[key] !== undefined ? [[key, preset[key]]] : []))),
    ...(preset.output ? { output: preset.output } : {}),
    ...(preset.count !== undefined ? { count: preset.count } : {}),
  };
}
