/**
 * What every provider registry entry says, whatever its kind (voice, recognizer, language
 * model): its display name, the API key it needs and what it can do. The settings enums, the
 * panel's option labels, the API-key boxes and main's factories are all read from the
 * registries (see docs/providers.md), so a name is written once.
 */

/** The API key a provider uses, by its secret-store id (keys never leave main). */
export interface ProviderKeySpec {
  secretId: string;
  /** False: the key is sent when set, and the provider also works without one (a self-hosted server). */
  required: boolean;
  /** How the API-key box names it when that differs from the provider's label. */
  label?: string;
}

export interface ProviderSpec<Capabilities extends object = object> {
  /** Display name, in the panel and in messages ("ElevenLabs needs an API key"). */
  label: string;
  key: ProviderKeySpec | null;
  capabilities: Capabilities;
}

export type ProviderRegistry<Spec extends ProviderSpec = ProviderSpec> = Readonly<Record<string, Spec>>;

/** The registry's ids as a non-empty tuple, for z.enum. */
export function registryIds<R extends ProviderRegistry>(registry: R): [keyof R & string, ...(keyof R & string)[]] {
  const ids = Object.keys(registry) as (keyof R & string)[];
  if (ids.length === 0) throw new Error('A provider registry needs at least one entry.');
  return ids as [keyof R & string, ...(keyof R & string)[]];
}

/** id -> label, for an enum field's option labels. */
export function registryLabels(registry: ProviderRegistry): Record<string, string> {
  return Object.fromEntries(Object.entries(registry).map(([id, spec]) => [id, spec.label]));
}
