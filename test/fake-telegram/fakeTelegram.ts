import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/** A message the fake received through sendMessage. */
export interface ReceivedMessage {
  readonly messageId: number;
  readonly chatId: string;
  readonly text: string;
  readonly parseMode: string | null;
  readonly replyMarkup: unknown;
  readonly atMs: number;
}

/**
 * What the next matching request gets instead of a normal answer:
 * - `status`: an error answer as Telegram sends it (429 carries `retry_after`);
 * - `accept-then-drop`: the message is recorded (Telegram accepted it) but the connection is cut
 *   before the answer, the "sent but unknown" case;
 * - `drop`: the connection is cut before anything is done;
 * - `hold`: the request waits `ms` before being handled normally.
 */
export type TelegramFault =
  | { readonly kind: 'status'; readonly status: number; readonly description?: string; readonly retryAfterSeconds?: number }
  | { readonly kind: 'accept-then-drop' }
  | { readonly kind: 'drop' }
  | { readonly kind: 'hold'; readonly ms: number };

interface Update {
  readonly update_id: number;
  readonly [key: string]: unknown;
}

export interface FakeTelegramOptions {
  /** The one bot token the fake accepts; anything else gets 401 Unauthorized. */
  readonly token: string;
  /** Chats that exist (have started the bot); sendMessage to any other is "chat not found". */
  readonly chats?: readonly number[];
}

export interface FakeTelegram {
  readonly url: string;
  readonly token: string;
  /** Every message accepted, in order. */
  readonly messages: ReceivedMessage[];
  readonly callbackAnswers: { callbackQueryId: string; text: string }[];
  /** Every request: method, whether its token was right, and when. */
  readonly requests: { method: string; tokenAccepted: boolean; atMs: number }[];
  /** Queues a fault for the next request(s) to `method` (`*` for any). */
  fault(method: string, fault: TelegramFault, times?: number): void;
  addChat(chatId: number): void;
  blockChat(chatId: number): void;
  /** A person writes to the bot; returns the update id. `date` is unix seconds (default now). */
  userSends(chatId: number, text: string, options?: { chatType?: string; date?: number; fromIsBot?: boolean }): number;
  /** A person presses an inline button under a message in `chatId`. */
  userPresses(chatId: number, callbackData: string): number;
  messagesTo(chatId: number): ReceivedMessage[];
  close(): Promise<void>;
}

const ALLOWED_TAGS = /^<\/?(b|strong|i|em|u|s|code|pre)>$/;
const ENTITY = /^&(lt|gt|amp|quot|#\d+);/;

/** Telegram refuses HTML it cannot parse; the fake does too, so escaping mistakes fail tests. */
function htmlParses(text: string): boolean {
  for (let index = 0; index < text.length; index += 1) {
    const char = text[index];
    if (char === '<') {
      const end = text.indexOf('>', index);
      if (end === -1 || !ALLOWED_TAGS.test(text.slice(index, end + 1))) return false;
      index = end;
    } else if (char === '&' && !ENTITY.test(text.slice(index, index + 8))) {
      return false;
    }
  }
  return true;
}

function readJson(request: IncomingMessage): Promise<Record<string, unknown>> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      try {
        const parsed: unknown = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}');
        resolve(typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : {});
      } catch {
        resolve({});
      }
    });
  });
}

function answer(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json' });
  response.end(JSON.stringify(body));
}

function error(response: ServerResponse, status: number, description: string, parameters?: Record<string, unknown>): void {
  answer(response, status, { ok: false, error_code: status, description, ...(parameters === undefined ? {} : { parameters }) });
}

/** Starts a fake Telegram Bot API on 127.0.0.1 (random port). */
export async function startFakeTelegram(options: FakeTelegramOptions): Promise<FakeTelegram> {
  const chats = new Set((options.chats ?? []).map(String));
  const blocked = new Set<string>();
  const messages: ReceivedMessage[] = [];
  const callbackAnswers: { callbackQueryId: string; text: string }[] = [];
  const requests: { method: string; tokenAccepted: boolean; atMs: number }[] = [];
  const faults: { method: string; fault: TelegramFault }[] = [];
  let updates: Update[] = [];
  let nextUpdateId = 100;
  let nextMessageId = 1;
  let waiters: (() => void)[] = [];
  const sockets = new Set<Socket>();

  const pushUpdate = (update: Omit<Update, 'update_id'>): number => {
    const id = nextUpdateId++;
    updates.push({ update_id: id, ...update });
    for (const wake of waiters.splice(0)) wake();
    return id;
  };

  const takeFault = (method: string): TelegramFault | undefined => {
    const index = faults.findIndex((entry) => entry.method === method || entry.method === '*');
    return index === -1 ? undefined : faults.splice(index, 1)[0]?.fault;
  };

  const acceptMessage = (body: Record<string, unknown>): ReceivedMessage => {
    const message: ReceivedMessage = {
      messageId: nextMessageId++,
      chatId: String(body.chat_id),
      text: String(body.text),
      parseMode: typeof body.parse_mode === 'string' ? body.parse_mode : null,
      replyMarkup: body.reply_markup ?? null,
      atMs: Date.now(),
    };
    messages.push(message);
    return message;
  };

  /** The error Telegram would answer this sendMessage with, or null when it would accept it. */
  const sendMessageRefusal = (body: Record<string, unknown>): [number, string] | null => {
    const chatId = String(body.chat_id);
    if (!chats.has(chatId)) return [400, 'Bad Request: chat not found'];
    if (blocked.has(chatId)) return [403, 'Forbidden: bot was blocked by the user'];
    if (typeof body.text !== 'string' || body.text.trim() === '') return [400, 'Bad Request: message text is empty'];
    if (body.parse_mode === 'HTML' && !htmlParses(body.text)) return [400, "Bad Request: can't parse entities"];
    return null;
  };

  const sendMessage = (response: ServerResponse, body: Record<string, unknown>, dropAfterAccept: boolean): void => {
    const refusal = sendMessageRefusal(body);
    if (refusal !== null) {
      error(response, ...refusal);
      return;
    }
    const message = acceptMessage(body);
    if (dropAfterAccept) {
      response.socket?.destroy();
      return;
    }
    answer(response, 200, { ok: true, result: { message_id: message.messageId, date: Math.floor(message.atMs / 1000), chat: { id: Number(message.chatId), type: 'private' }, text: message.text } });
  };

  const getUpdates = async (response: ServerResponse, body: Record<string, unknown>): Promise<void> => {
    const offset = typeof body.offset === 'number' ? body.offset : null;
    if (offset !== null) updates = updates.filter((update) => update.update_id >= offset);
    const timeoutSeconds = typeof body.timeout === 'number' ? body.timeout : 0;
    if (updates.length === 0 && timeoutSeconds > 0) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, timeoutSeconds * 1_000);
        waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
    if (!response.writableEnded && !response.destroyed) answer(response, 200, { ok: true, result: updates.slice(0, 100) });
  };

  const handle = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const match = /^\/bot([^/]+)\/([A-Za-z]+)$/.exec(request.url ?? '');
    const body = await readJson(request);
    const method = match?.[2] ?? '';
    const tokenAccepted = match !== null && decodeURIComponent(match[1] ?? '') === options.token;
    requests.push({ method, tokenAccepted, atMs: Date.now() });
    if (match === null) {
      error(response, 404, 'Not Found');
      return;
    }
    if (!tokenAccepted) {
      error(response, 401, 'Unauthorized');
      return;
    }
    let fault = takeFault(method);
    if (fault?.kind === 'hold') {
      const holdMs = fault.ms;
      await new Promise((resolve) => setTimeout(resolve, holdMs));
      fault = undefined;
    }
    if (fault?.kind === 'drop') {
      request.socket.destroy();
      return;
    }
    if (fault?.kind === 'status') {
      const description = fault.description ?? (fault.status === 429 ? `Too Many Requests: retry after ${String(fault.retryAfterSeconds ?? 1)}` : 'Internal Server Error');
      error(response, fault.status, description, fault.retryAfterSeconds === undefined ? undefined : { retry_after: fault.retryAfterSeconds });
      return;
    }
    switch (method) {
      case 'getMe':
        answer(response, 200, { ok: true, result: { id: 4242, is_bot: true, first_name: 'Ballast test bot', username: 'ballast_test_bot' } });
        break;
      case 'sendMessage':
        sendMessage(response, body, fault?.kind === 'accept-then-drop');
        break;
      case 'getUpdates':
        await getUpdates(response, body);
        break;
      case 'answerCallbackQuery':
        callbackAnswers.push({ callbackQueryId: String(body.callback_query_id), text: typeof body.text === 'string' ? body.text : '' });
        answer(response, 200, { ok: true, result: true });
        break;
      default:
        error(response, 404, 'Not Found');
    }
  };

  const server = createServer((request, response) => {
    handle(request, response).catch(() => {
      if (!response.headersSent) error(response, 500, 'Internal Server Error');
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    token: options.token,
    messages,
    callbackAnswers,
    requests,
    fault(method, fault, times = 1) {
      for (let index = 0; index < times; index += 1) faults.push({ method, fault });
    },
    addChat(chatId) {
      chats.add(String(chatId));
    },
    blockChat(chatId) {
      blocked.add(String(chatId));
    },
    userSends(chatId, text, sendOptions = {}) {
      const date = sendOptions.date ?? Math.floor(Date.now() / 1000);
      return pushUpdate({
        message: {
          message_id: nextMessageId++, date, text,
          chat: { id: chatId, type: sendOptions.chatType ?? 'private', first_name: 'Pat' },
          from: { id: chatId, is_bot: sendOptions.fromIsBot ?? false, first_name: 'Pat' },
        },
      });
    },
    userPresses(chatId, callbackData) {
      return pushUpdate({
        callback_query: {
          id: `cb-${nextUpdateId}`, data: callbackData, chat_instance: 'x',
          from: { id: chatId, is_bot: false, first_name: 'Pat' },
          message: { message_id: nextMessageId++, date: Math.floor(Date.now() / 1000), chat: { id: chatId, type: 'private' } },
        },
      });
    },
    messagesTo(chatId) {
      return messages.filter((message) => message.chatId === String(chatId));
    },
    async close() {
      for (const wake of waiters.splice(0)) wake();
      waiters = [];
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => { resolve(); }));
    },
  };
}
