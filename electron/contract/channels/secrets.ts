/**
 * Provider API keys. The renderer may set or clear a key and learn whether one is set;
 * no channel ever answers a key. Main keeps them encrypted with safeStorage; the browser
 * twin keeps them in a file only the user can read, and `storage` says which.
 */
import { z } from 'zod';
import { defineInvoke } from '../define.js';

/** Provider ids are short slugs ("openai", "deepgram", "elevenlabs"). */
export const SecretProviderSchema = z.string().regex(/^[a-z0-9][a-z0-9_-]{0,39}$/, 'A provider id is 1-40 lowercase letters, digits, "-" or "_".');

/** 4096: longer than any provider's key or token; blocks megabyte "keys". */
export const MAX_SECRET_LENGTH = 4096;

export const SecretValueSchema = z
  .string()
  .min(1, 'Enter a key.')
  .max(MAX_SECRET_LENGTH, `A key is at most ${MAX_SECRET_LENGTH} characters.`)
  .regex(/^[\x21-\x7e]+$/, 'A key is printable characters without spaces (check for a pasted line break).');

export const SecretStorageSchema = z.object({
  /** 'encrypted': OS keychain-backed safeStorage. 'plain-file': a 0600 file (browser twin). */
  kind: z.enum(['encrypted', 'plain-file']),
  /** One sentence for the settings panel: where and how keys are kept. */
  description: z.string(),
  /** False when keys cannot be stored at all right now (e.g. no OS keyring); `description` says why. */
  available: z.boolean(),
});
export type SecretStorage = z.infer<typeof SecretStorageSchema>;

export const SecretsStatusSchema = z.object({
  /** Providers that have a key. Never the key. */
  providers: z.array(z.object({ provider: z.string(), set: z.literal(true) })),
  storage: SecretStorageSchema,
});
export type SecretsStatus = z.infer<typeof SecretsStatusSchema>;

export const secretsInvokes = {
  'secrets:set': defineInvoke({
    summary: "Store a provider's API key (encrypted at rest); answers the status, never the key.",
    request: z.object({ provider: SecretProviderSchema, key: SecretValueSchema }).strict(),
    response: SecretsStatusSchema,
  }),
  'secrets:clear': defineInvoke({
    summary: "Forget a provider's API key.",
    request: z.object({ provider: SecretProviderSchema }).strict(),
    response: SecretsStatusSchema,
  }),
  'secrets:status': defineInvoke({
    summary: 'Which providers have a key, and how keys are stored.',
    request: z.undefined(),
    response: SecretsStatusSchema,
  }),
} as const;

export const secretsEvents = {} as const;
