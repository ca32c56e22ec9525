// Starts the fake OpenAI-compatible server for manual and end-to-end runs:
//   node test/fake-llm/cli.ts [--port 11500] [--stance bullish|neutral|bearish] [--model fake-model]
// Every question gets a well-formed answer with that stance for the market it asks about.
import { parseArgs } from 'node:util';
import { answerFollowingBrief } from './briefAnswers.ts';
import { startFakeLlm } from './fakeLlmServer.ts';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '0' },
    stance: { type: 'string', default: 'bearish' },
    model: { type: 'string', default: 'fake-model' },
  },
});
const stance = values.stance;
if (stance !== 'bullish' && stance !== 'neutral' && stance !== 'bearish') {
  process.stderr.write('--stance must be bullish, neutral or bearish\n');
  process.exit(2);
}
const fake = await startFakeLlm({ models: [values.model], fallback: answerFollowingBrief(stance), port: Number(values.port) });
process.stdout.write(`${JSON.stringify({ baseUrl: fake.baseUrl, model: values.model, stance })}\n`);
const stop = (): void => {
  void fake.close().then(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
