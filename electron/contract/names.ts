/**
 * Channel names only, with no dependencies: the sandboxed preload imports this (it cannot
 * load zod), and uses it as the allow-list. channels/index.ts checks it matches the schemas.
 */
export const INVOKE_CHANNELS = [
  'settings:get',
  'settings:update',
  'settings:reset',
  'settings:import',
  'settings:export',
  'settings:dismissNotice',
  'shell:hotkeyStatus',
  'shell:openLogsFolder',
  'shell:microphonePermission',
  'secrets:set',
  'secrets:clear',
  'secrets:status',
  'agent:start',
  'agent:stop',
  'agent:interrupt',
  'agent:mute',
  'agent:practice',
  'agent:status',
  'agent:retry',
  'devices:list',
  'devices:testSpeaker',
  'devices:testMicrophone',
  'models:list',
  'models:install',
  'models:cancel',
  'models:delete',
  'models:link',
  'models:readiness',
  'providers:test',
  'history:list',
  'history:get',
  'history:rename',
  'history:delete',
  'history:restore',
  'history:export',
  'history:continue',
] as const;

export const EVENT_CHANNELS = [
  'settings:changed',
  'settings:notice',
  'shell:hotkeyStatus',
  'shell:actionFailed',
  'agent:state',
  'transcript:update',
  'metrics:update',
  'audio:level',
  'bargein:mark',
  'latency:budget',
  'app:error',
  'devices:testLevel',
  'devices:changed',
  'models:progress',
  'models:state',
  'history:changed',
] as const;

export type InvokeChannelName = (typeof INVOKE_CHANNELS)[number];
export type EventChannelName = (typeof EVENT_CHANNELS)[number];
