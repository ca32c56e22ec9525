export { startFakeTelegram, type FakeTelegram, type FakeTelegramOptions, type ReceivedMessage, type TelegramFault } from './fakeTelegram.ts';
