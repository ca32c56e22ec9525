import type { CommandHandlers, StrategyInfo } from '../../contract/index.ts';
import { STRATEGY_IDS, createStrategy } from '../../signals/index.ts';
import type { BotController } from './botController.ts';
import type { ReplayLibrary } from './replayLibrary.ts';

type BotCommand = 'listStrategies' | 'listReplayFiles' | 'importReplayFile' | 'startPaperBot' | 'continuePaperBot' | 'stopPaperBot' | 'getBotStatus' | 'getDashboard';

/** Handlers behind the Paper trading screen and the Dashboard. */
export function botHandlers(bot: BotController, replays: ReplayLibrary, aiStrategies: () => StrategyInfo[] = () => []): Pick<CommandHandlers, BotCommand> {
  return {
    listStrategies: () => [
      ...STRATEGY_IDS.map((id) => {
        const { name, summary } = createStrategy(id).description;
        return { id, name, summary };
      }),
      // The AI's own strategies (the trained model; the advisor once set up), for paper trading.
      ...aiStrategies(),
    ],
    listReplayFiles: () => replays.list(),
    importReplayFile: ({ fileName, symbol, text }) => replays.importFile(fileName, symbol, text),
    startPaperBot: (config) => bot.start(config),
    continuePaperBot: ({ leaveSafeMode }) => bot.continueRun(leaveSafeMode),
    stopPaperBot: () => bot.stop(),
    getBotStatus: () => bot.status(),
    getDashboard: () => bot.dashboard(),
  };
}
