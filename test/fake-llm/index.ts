/**
 * A local OpenAI-compatible server for the LLM advisor, with a corpus of bad answers; tests
 * and end-to-end runs point the advisor's base URL at it.
 */
export { startFakeLlm, type FakeLlm, type FakeLlmOptions, type FakeReply, type RecordedRequest } from './fakeLlmServer.ts';
export { FAKE_MARKET, answerText, goodAnswer, goodReply, replyWith, withoutFields, type AnswerFields } from './answers.ts';
export { BAD_ANSWERS, type BadAnswer, type BadAnswerClass } from './badAnswers.ts';
export { answerFollowingBrief } from './briefAnswers.ts';
