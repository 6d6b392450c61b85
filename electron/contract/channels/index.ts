/**
 * Every IPC channel, by domain. Add a domain: write channels/<domain>.ts exporting
 * `<domain>Invokes` and `<domain>Events`, spread them here, and add their names to names.ts
 * (a type check below keeps the two in step).
 */
import type { z } from 'zod';
import type { EVENT_CHANNELS, INVOKE_CHANNELS } from '../names.js';
import { agentEvents, agentInvokes } from './agent.js';
import { devicesEvents, devicesInvokes } from './devices.js';
import { historyEvents, historyInvokes } from './history.js';
import { modelsEvents, modelsInvokes } from './models.js';
import { providersEvents, providersInvokes } from './providers.js';
import { secretsEvents, secretsInvokes } from './secrets.js';
import { settingsEvents, settingsInvokes } from './settings.js';
import { shellEvents, shellInvokes } from './shell.js';

export const invokeChannels = {
  ...settingsInvokes,
  ...shellInvokes,
  ...secretsInvokes,
  ...agentInvokes,
  ...devicesInvokes,
  ...modelsInvokes,
  ...providersInvokes,
  ...historyInvokes,
} as const;

export const eventChannels = {
  ...settingsEvents,
  ...shellEvents,
  ...secretsEvents,
  ...agentEvents,
  ...devicesEvents,
  ...modelsEvents,
  ...providersEvents,
  ...historyEvents,
} as const;

export type InvokeChannels = typeof invokeChannels;
export type EventChannels = typeof eventChannels;
export type InvokeName = keyof InvokeChannels;
export type EventName = keyof EventChannels;
export type InvokeRequest<C extends InvokeName> = z.input<InvokeChannels[C]['request']>;
export type InvokeResponse<C extends InvokeName> = z.output<InvokeChannels[C]['response']>;
export type EventPayload<E extends EventName> = z.output<EventChannels[E]['payload']>;

// Compile-time check that names.ts (used by the dependency-free preload) lists exactly these.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const namesMatchInvokes: Same<(typeof INVOKE_CHANNELS)[number], InvokeName> = true;
const namesMatchEvents: Same<(typeof EVENT_CHANNELS)[number], EventName> = true;
void namesMatchInvokes;
void namesMatchEvents;
