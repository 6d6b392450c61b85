/**
 * Which provider fields apply to the provider chosen: a field that would be ignored is not
 * shown ("Built-in model threads" with a server model, a WebSocket address for the built-in
 * voice). Read from the contract's provider registries: a field applies when the chosen
 * entry lists it among its parameters. Fields no provider reads always apply.
 */
import { parameterApplies, type ProviderKind } from '../../../electron/contract/index';

type Draft = Record<string, Record<string, unknown>>;

/** Where each kind's choice is stored. */
const CHOICES: Array<{ kind: ProviderKind; section: string; field: string }> = [
  { kind: 'tts', section: 'tts', field: 'provider' },
  { kind: 'stt', section: 'providers', field: 'sttProvider' },
  { kind: 'llm', section: 'providers', field: 'llmProvider' },
];

export function fieldApplies(path: string, draft: Draft): boolean {
  const [section, key] = path.split('.');
  for (const choice of CHOICES) {
    if (choice.section !== section || key === undefined) continue;
    const applies = parameterApplies(choice.kind, String(draft[section]?.[choice.field]), key);
    if (applies !== undefined) return applies;
  }
  return true;
}
