import { useCallback, useEffect, useRef, useState } from 'react';
import type { Socket } from 'socket.io-client';
import type { ApplicationState } from '../domain/applications/states';
import { io } from './socket-io.client';
import { CHAT_NAMESPACE, type ChatMessage, type ClientToServerEvents, type ReadMarks, type ServerToClientEvents } from './events';

type ChatSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export type PendingMessage = { clientKey: string; body: string; failed: boolean; error?: string };

/** Adds messages by seq, dropping ones already held (a broadcast and a catch-up may both bring one). */
export function mergeMessages(current: ChatMessage[], incoming: ChatMessage[]): ChatMessage[] {
  if (incoming.length === 0) return current;
  const bySeq = new Map(current.map((m) => [m.seq, m]));
  for (const m of incoming) bySeq.set(m.seq, m);
  return [...bySeq.values()].sort((a, b) => a.seq - b.seq);
}

const newKey = () => (typeof crypto !== 'undefined' && 'randomUUID' in crypto ? crypto.randomUUID() : `${Date.now()}-${Math.random().toString(36).slice(2)}`);

/**
 * The live side of a conversation page. The server-rendered messages are the start; on every
 * (re)connect the hook joins the room and asks for everything after the last seq it holds, so a
 * dropped connection or a restarted server loses nothing. Unacknowledged sends are kept and sent
 * again with the same key after a reconnect; the server stores each key once.
 */
export function useChat(opts: { conversationId: number; initialMessages: ChatMessage[]; initialReads: ReadMarks; me: { userId: string; organisationId: string }; onState?: (s: ApplicationState) => void }) {
  const { conversationId, me } = opts;
  const [messages, setMessages] = useState(opts.initialMessages);
  const [reads, setReads] = useState<ReadMarks>(opts.initialReads);
  const [pending, setPending] = useState<PendingMessage[]>([]);
  const [connected, setConnected] = useState(false);
  const [typing, setTyping] = useState<Record<string, { name: string; until: number }>>({});
  const socketRef = useRef<ChatSocket | null>(null);
  const lastSeq = useRef(opts.initialMessages.at(-1)?.seq ?? 0);
  const pendingRef = useRef<PendingMessage[]>([]);
  const onState = useRef(opts.onState);
  onState.current = opts.onState;

  const add = useCallback((incoming: ChatMessage[]) => {
    if (incoming.length === 0) return;
    lastSeq.current = Math.max(lastSeq.current, ...incoming.map((m) => m.seq));
    setMessages((cur) => mergeMessages(cur, incoming));
    const keys = new Set(incoming.map((m) => m.clientKey));
    pendingRef.current = pendingRef.current.filter((p) => !keys.has(p.clientKey));
    setPending(pendingRef.current);
  }, []);

  // Loader data after a form post or revalidation joins what the socket brought.
  useEffect(() => {
    add(opts.initialMessages);
  }, [opts.initialMessages, add]);
  useEffect(() => {
    setReads((cur) => ({ ...cur, ...opts.initialReads }));
  }, [opts.initialReads]);

  const markRead = useCallback(() => {
    const s = socketRef.current;
    if (s?.connected && document.visibilityState === 'visible' && lastSeq.current > 0) s.emit('read', { conversationId, seq: lastSeq.current });
  }, [conversationId]);

  const emitSend = useCallback(
    (p: PendingMessage) => {
      const s = socketRef.current;
      if (!s?.connected) return;
      s.timeout(10_000).emit('message:send', { conversationId, clientKey: p.clientKey, body: p.body }, (err, res) => {
        if (err) return; // no answer: kept pending, sent again on reconnect with the same key
        if (res.ok) add([res.message]);
        else {
          pendingRef.current = pendingRef.current.map((x) => (x.clientKey === p.clientKey ? { ...x, failed: true, error: res.error } : x));
          setPending(pendingRef.current);
        }
      });
    },
    [conversationId, add],
  );

  useEffect(() => {
    const socket: ChatSocket = io(CHAT_NAMESPACE, { withCredentials: true, transports: ['websocket', 'polling'] });
    socketRef.current = socket;
    socket.on('connect', () => {
      setConnected(true);
      socket.emit('conversation:join', { conversationId, afterSeq: lastSeq.current }, (res) => {
        if (!res.ok) return;
        add(res.messages);
        setReads((cur) => ({ ...cur, ...res.reads }));
        onState.current?.(res.state);
        for (const p of pendingRef.current) if (!p.failed) emitSend(p);
        markRead();
      });
    });
    socket.on('disconnect', () => setConnected(false));
    socket.on('message', (m) => {
      if (m.conversationId !== conversationId) return;
      add([m]);
      if (m.senderOrganisationId !== me.organisationId) markRead();
    });
    socket.on('read', (r) => {
      if (r.conversationId !== conversationId) return;
      setReads((cur) => ({ ...cur, [r.organisationId]: Math.max(cur[r.organisationId] ?? 0, r.seq) }));
    });
    socket.on('typing', (t) => {
      if (t.conversationId !== conversationId || t.userId === me.userId) return;
      setTyping((cur) => {
        const next = { ...cur };
        if (t.typing) next[t.userId] = { name: t.name, until: Date.now() + 5000 };
        else delete next[t.userId];
        return next;
      });
    });
    socket.on('state', (s) => {
      if (s.conversationId === conversationId) onState.current?.(s.state);
    });
    const onVisible = () => markRead();
    document.addEventListener('visibilitychange', onVisible);
    const sweep = setInterval(() => setTyping((cur) => Object.fromEntries(Object.entries(cur).filter(([, v]) => v.until > Date.now()))), 1000);
    return () => {
      document.removeEventListener('visibilitychange', onVisible);
      clearInterval(sweep);
      socket.close();
      socketRef.current = null;
    };
  }, [conversationId, me.userId, me.organisationId, add, emitSend, markRead]);

  const send = useCallback(
    (body: string, clientKey: string = newKey()) => {
      const p: PendingMessage = { clientKey, body, failed: false };
      pendingRef.current = [...pendingRef.current, p];
      setPending(pendingRef.current);
      emitSend(p);
      return clientKey;
    },
    [emitSend],
  );

  const lastTypingSent = useRef(0);
  const notifyTyping = useCallback(
    (isTyping: boolean) => {
      const s = socketRef.current;
      if (!s?.connected) return;
      const now = Date.now();
      if (isTyping && now - lastTypingSent.current < 2000) return;
      lastTypingSent.current = isTyping ? now : 0;
      s.emit('typing', { conversationId, typing: isTyping });
    },
    [conversationId],
  );

  return { messages, reads, pending, connected, typing: Object.values(typing).map((t) => t.name), send, notifyTyping };
}
