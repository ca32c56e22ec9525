import { z } from 'zod';

/**
 * The parts of an OpenAI-compatible chat completion the advisor reads. Loose on purpose:
 * servers add their own fields (Ollama, LM Studio, llama.cpp all do). The answer inside
 * `content` is what is strict.
 */
const ChatCompletionEnvelope = z.object({
  choices: z.array(z.object({
    message: z.object({
      content: z.string().nullable().optional(),
      refusal: z.string().nullable().optional(),
    }),
    finish_reason: z.string().nullable().optional(),
  })).min(1),
  usage: z.object({
    prompt_tokens: z.number().nonnegative().optional(),
    completion_tokens: z.number().nonnegative().optional(),
    total_tokens: z.number().nonnegative().optional(),
  }).nullable().optional(),
});

export interface CompletionAnswer {
  readonly content: string;
  readonly refused: boolean;
  readonly finishReason: string | null;
  readonly usage: { readonly promptTokens: number | null; readonly completionTokens: number | null; readonly totalTokens: number | null };
}

/** The first choice's text and the usage, or null when the response is not a chat completion. */
export function readCompletion(response: unknown): CompletionAnswer | null {
  const parsed = ChatCompletionEnvelope.safeParse(response);
  if (!parsed.success) return null;
  const choice = parsed.data.choices[0];
  if (choice === undefined) return null;
  const usage = parsed.data.usage ?? {};
  const refusal = choice.message.refusal;
  return {
    content: choice.message.content ?? '',
    refused: typeof refusal === 'string' && refusal.length > 0,
    finishReason: choice.finish_reason ?? null,
    usage: {
      promptTokens: usage.prompt_tokens ?? null,
      completionTokens: usage.completion_tokens ?? null,
      totalTokens: usage.total_tokens ?? (usage.prompt_tokens !== undefined && usage.completion_tokens !== undefined ? usage.prompt_tokens + usage.completion_tokens : null),
    },
  };
}
