import { IpcFailure } from '../../contract/index.js';
import type { HandlerRegistry } from '../handler-registry.js';
import { conversationJson, conversationMarkdown, exportFileName, heardMessages } from './history-export.js';
import type { HistoryRecorder } from './history-recorder.js';
import type { HistoryStore } from './history-store.js';
import type { EventHub } from '../event-hub.js';
import type { VoiceService } from '../voice/voice-service.js';

export interface HistoryHandlerDeps {
  /** The store for the folder in the settings; null while history is off. */
  store: () => HistoryStore | null;
  folder: () => string;
  recorder: HistoryRecorder;
  voice: VoiceService;
  events: EventHub;
}

export function registerHistoryHandlers(registry: HandlerRegistry, deps: HistoryHandlerDeps): void {
  const store = (): HistoryStore => {
    const s = deps.store();
    if (!s) throw new IpcFailure({ code: 'unavailable', message: 'Conversation history is off (Settings, History).' });
    return s;
  };
  const changed = (id?: string) => deps.events.emit('history:changed', id ? { id } : {});
  registry.registerAll({
    'history:list': (request) => {
      const s = deps.store();
      return { conversations: s ? s.list(request?.query ?? '') : [], folder: deps.folder(), enabled: s !== null };
    },
    'history:get': ({ id }) => store().get(id),
    'history:rename': ({ id, title }) => {
      const summary = store().rename(id, title);
      changed(id);
      return summary;
    },
    'history:delete': ({ id }) => {
      if (deps.recorder.conversationId === id) deps.recorder.endConversation();
      const deleted = store().delete(id);
      changed(id);
      return { deleted };
    },
    'history:restore': ({ id }) => {
      const summary = store().restore(id);
      changed(id);
      return summary;
    },
    'history:export': ({ id, format }) => {
      const conversation = store().get(id);
      return {
        fileName: exportFileName(conversation, format),
        text: format === 'markdown' ? conversationMarkdown(conversation) : conversationJson(conversation),
      };
    },
    'history:continue': async ({ id }) => {
      const conversation = store().get(id);
      const status = await deps.voice.continueConversation(conversation.entries, heardMessages(conversation.entries));
      deps.recorder.continueIn(id, conversation.entries);
      return status;
    },
  });
}
