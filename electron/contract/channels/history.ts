/**
 * Conversation history: the list of past conversations, one conversation's entries (with the
 * heard/unheard cut and why it was cut), rename, delete with undo, export, and "continue this
 * conversation" (a new session whose agent remembers what the person heard of this one).
 */
import { z } from 'zod';
import { defineEvent, defineInvoke } from '../define.js';
import { AgentStatusSchema, TranscriptEntrySchema } from './agent.js';

/** Ids are made by main ("2026-12-06T14-10-05-3f9a"); the pattern keeps a request from naming any other file. */
export const ConversationIdSchema = z.string().regex(/^[A-Za-z0-9-]{1,64}$/, 'Not a conversation id.');

export const ConversationSummarySchema = z.object({
  id: ConversationIdSchema,
  /** The name given, else the first words said. */
  title: z.string().max(200),
  /** Wall clock, ms since 1970. */
  startedAtEpochMs: z.number(),
  updatedAtEpochMs: z.number(),
  /** Entries (turns by either side). */
  turns: z.number().int().min(0),
  /** Engine time from the first entry to the last. */
  durationMs: z.number().min(0),
  interruptions: z.number().int().min(0),
});
export type ConversationSummary = z.infer<typeof ConversationSummarySchema>;

export const ConversationSchema = z.object({
  summary: ConversationSummarySchema,
  entries: z.array(TranscriptEntrySchema).max(5000),
  /** Lines of the file that could not be read (a crash mid-write, a damaged file): skipped, counted. */
  skippedLines: z.number().int().min(0),
});
export type Conversation = z.infer<typeof ConversationSchema>;

export const historyInvokes = {
  'history:list': defineInvoke({
    summary: 'Past conversations, newest first; with a query, only those whose words or name contain it.',
    request: z
      .object({ query: z.string().max(200).optional() })
      .strict()
      .optional(),
    response: z.object({ conversations: z.array(ConversationSummarySchema).max(10_000), folder: z.string().max(1100), enabled: z.boolean() }),
  }),
  'history:get': defineInvoke({
    summary: "One conversation's entries, as saved.",
    request: z.object({ id: ConversationIdSchema }).strict(),
    response: ConversationSchema,
  }),
  'history:rename': defineInvoke({
    summary: 'Name a conversation (empty: back to its first words).',
    request: z.object({ id: ConversationIdSchema, title: z.string().trim().max(120, 'A name is at most 120 characters.') }).strict(),
    response: ConversationSummarySchema,
  }),
  'history:delete': defineInvoke({
    summary: 'Delete a conversation; it can be restored (undo) until the app restarts.',
    request: z.object({ id: ConversationIdSchema }).strict(),
    response: z.object({ deleted: z.boolean() }),
  }),
  'history:restore': defineInvoke({
    summary: 'Undo a delete.',
    request: z.object({ id: ConversationIdSchema }).strict(),
    response: ConversationSummarySchema,
  }),
  'history:export': defineInvoke({
    summary: 'A conversation as Markdown or JSON text, with a file name to save it under.',
    request: z.object({ id: ConversationIdSchema, format: z.enum(['markdown', 'json']) }).strict(),
    response: z.object({ fileName: z.string().max(200), text: z.string().max(20_000_000) }),
  }),
  'history:continue': defineInvoke({
    summary: 'Start a session that continues this conversation: the agent remembers what was heard of it; new turns are saved to it.',
    request: z.object({ id: ConversationIdSchema }).strict(),
    response: AgentStatusSchema,
  }),
} as const;

export const historyEvents = {
  'history:changed': defineEvent({
    summary: 'A conversation was saved, renamed, deleted or restored.',
    payload: z.object({ id: z.string().max(64).optional() }),
  }),
} as const;
