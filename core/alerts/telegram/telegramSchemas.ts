import { z } from 'zod';

/**
 * The parts of the Telegram Bot API Ballast reads, parsed at the edge. Objects are not strict:
 * Telegram adds fields all the time, and an unknown field must not break alerting.
 */

export const apiEnvelopeSchema = z.object({
  ok: z.boolean(),
  result: z.unknown().optional(),
  error_code: z.number().int().optional(),
  description: z.string().optional(),
  parameters: z.object({ retry_after: z.number().nonnegative().optional() }).optional(),
});

export const botSchema = z.object({ id: z.number().int(), is_bot: z.boolean(), username: z.string().optional(), first_name: z.string() });
export type TelegramBot = z.infer<typeof botSchema>;

export const sentMessageSchema = z.object({ message_id: z.number().int() });

const chatSchema = z.object({
  id: z.number().int(),
  type: z.string(),
  username: z.string().optional(),
  first_name: z.string().optional(),
  title: z.string().optional(),
});

const userSchema = z.object({ id: z.number().int(), is_bot: z.boolean(), username: z.string().optional(), first_name: z.string().optional() });

const messageSchema = z.object({
  message_id: z.number().int(),
  /** Unix seconds. */
  date: z.number().int(),
  chat: chatSchema,
  from: userSchema.optional(),
  text: z.string().optional(),
});
export type TelegramMessage = z.infer<typeof messageSchema>;

const callbackQuerySchema = z.object({
  id: z.string(),
  from: userSchema,
  message: messageSchema.optional(),
  data: z.string().optional(),
});
export type TelegramCallbackQuery = z.infer<typeof callbackQuerySchema>;

export const updateSchema = z.object({
  update_id: z.number().int(),
  message: messageSchema.optional(),
  callback_query: callbackQuerySchema.optional(),
});
export type TelegramUpdate = z.infer<typeof updateSchema>;

/** Just the id, to step past an update whose body Ballast cannot read. */
export const updateIdSchema = z.object({ update_id: z.number().int() });

export const updatesSchema = z.array(z.unknown());
export const trueSchema = z.literal(true);
