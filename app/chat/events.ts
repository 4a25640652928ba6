import type { ApplicationState } from '../domain/applications/states';

/** What clients see of a message (also rendered by the page without JavaScript). */
export interface ChatMessage {
  id: number;
  conversationId: number;
  seq: number;
  kind: 'text' | 'system' | 'slots';
  body: string;
  meta: Record<string, unknown>;
  clientKey: string;
  senderUserId: string | null;
  senderOrganisationId: string | null;
  senderName: string | null;
  senderOrganisationName: string | null;
  createdAt: string;
  attachments: { id: string; fileName: string; mime: string; sizeBytes: number }[];
}

/** How far each organisation has read: organisationId → seq. */
export type ReadMarks = Record<string, number>;

export type Ack<T = Record<string, never>> = ({ ok: true } & T) | { ok: false; error: string; code: 'invalid' | 'forbidden' | 'not_found' | 'rate_limited' | 'error' };

export interface ClientToServerEvents {
  'conversation:join': (p: { conversationId: number; afterSeq?: number }, ack: (r: Ack<{ messages: ChatMessage[]; reads: ReadMarks; state: ApplicationState; hasMore: boolean }>) => void) => void;
  'conversation:leave': (p: { conversationId: number }) => void;
  'message:send': (p: { conversationId: number; clientKey: string; body: string }, ack: (r: Ack<{ message: ChatMessage; duplicate: boolean }>) => void) => void;
  typing: (p: { conversationId: number; typing: boolean }) => void;
  read: (p: { conversationId: number; seq: number }, ack?: (r: Ack) => void) => void;
}

export interface ServerToClientEvents {
  message: (m: ChatMessage) => void;
  typing: (p: { conversationId: number; userId: string; name: string; organisationId: string; typing: boolean }) => void;
  read: (p: { conversationId: number; organisationId: string; userId: string; seq: number }) => void;
  state: (p: { conversationId: number; applicationId: number; state: ApplicationState }) => void;
}

export interface SocketData {
  userId: string;
  organisationId: string;
  name: string;
  /** the stored id of the session the socket was opened with */
  sessionId: string;
}

export const CHAT_NAMESPACE = '/chat';
export const conversationRoom = (id: number) => `conversation:${id}`;
export const organisationRoom = (id: string) => `org:${id}`;

/**
 * What services use to tell connected clients about a change made over HTTP (a form post, a state
 * change). Created by app/chat/socket.server.ts and handed to routes in the load context; with an
 * adapter it reaches clients of every process.
 */
export interface ChatHub {
  message(m: ChatMessage, audience: { organisationIds: readonly string[]; applicationId: number }): void;
  read(p: { conversationId: number; organisationId: string; userId: string; seq: number }): void;
  state(p: { conversationId: number; applicationId: number; state: ApplicationState }): void;
}
