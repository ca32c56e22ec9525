import type { AlertCode } from './alert.ts';
import type { ChannelStatusCode } from './channels/channelStatus.ts';

/**
 * Every word the alerts layer puts in front of a person, in i18next syntax (`{{name}}`,
 * `{{name, number}}`, `{{name, datetime}}`), English first. Written for someone who has never
 * used an API key: what happened, what it means for their money, what to do next.
 * The app's catalogue takes these over as the `alerts` namespace.
 */

interface AlertWords {
  readonly title: string;
  readonly body: string;
}

const alert: Readonly<Record<AlertCode, AlertWords>> = {
  DAILY_LOSS_NEAR_LIMIT: {
    title: 'Today’s loss is at {{usedPercent}}% of your daily limit',
    body: 'Ballast has lost {{lossQuote, number}} {{quoteAsset}} today, counting open positions at current prices. Your daily loss limit is {{limitQuote, number}} {{quoteAsset}}. New trades are already being made smaller. If the loss reaches the limit, Ballast stops opening trades for the rest of the day. You do not need to do anything; open Ballast if you want to pause now.',
  },
  DAILY_LOSS_LIMIT_REACHED: {
    title: 'Daily loss limit reached: no new trades today',
    body: 'Ballast has lost {{lossQuote, number}} {{quoteAsset}} today, which reaches your daily loss limit of {{limitQuote, number}} {{quoteAsset}}. It has stopped opening trades; protective stops stay in place. Trading starts again only when you re-arm it in the app. Before you do, look at today’s trades in Ballast.',
  },
  DRAWDOWN_NEAR_LIMIT: {
    title: 'Your account is {{drawdownPercent}}% below its high point',
    body: 'The account value is {{equityQuote, number}} {{quoteAsset}}, {{drawdownPercent}}% below its highest value of {{highWaterMarkQuote, number}} {{quoteAsset}}. Your limit is {{limitPercent}}%; {{usedPercent}}% of it is used. If the limit is reached, Ballast stops opening trades. Nothing to do yet; open Ballast if you want to pause.',
  },
  DRAWDOWN_LIMIT_REACHED: {
    title: 'Drawdown limit reached: Ballast stopped opening trades',
    body: 'The account value fell to {{equityQuote, number}} {{quoteAsset}}, {{drawdownPercent}}% below its highest value of {{highWaterMarkQuote, number}} {{quoteAsset}}. That reaches your limit of {{limitPercent}}%. Ballast now only reduces positions; protective stops stay. Look at what happened in the app before you re-arm.',
  },
  TRADING_STATE_ACTIVE: {
    title: 'Ballast is trading again',
    body: 'Trading is active again ({{causeMessage}}). New trades are allowed within your limits.',
  },
  TRADING_STATE_SAFE_MODE: {
    title: 'Ballast switched to safe mode',
    body: 'Why: {{causeMessage}} In safe mode Ballast opens no new positions; it only reduces or protects the ones you have. It stays in safe mode until the cause clears and you re-arm it in the app.',
  },
  TRADING_STATE_PAUSED: {
    title: 'Ballast is paused',
    body: 'Why: {{causeMessage}} While paused, Ballast opens no new trades; protective stops on your positions stay. Resume in the app when you are ready.',
  },
  TRADING_STATE_KILLED: {
    title: 'Ballast was stopped (Kill)',
    body: 'Why: {{causeMessage}} All open orders are being cancelled and no new trades will be made. Open Ballast to see what it did and what is still open. It stays stopped until you re-arm it in the app.',
  },
  EXCHANGE_ERROR_SPIKE: {
    title: 'The exchange is returning many errors',
    body: '{{errors}} of the last {{requests}} requests to the exchange failed within {{windowMinutes}} minutes. Ballast switched to safe mode so it does not trade on answers it cannot trust. This is often a problem at the exchange or with your internet connection. Ballast keeps checking; no action is needed unless it lasts.',
  },
  STALE_FEED: {
    title: 'Prices for {{symbol}} stopped updating',
    body: 'The last price data for {{symbol}} arrived {{minutesSinceData}} minutes ago ({{lastDataAtMs, datetime}}). Ballast will not open trades on old prices. Check your internet connection; Ballast resumes by itself when fresh data arrives.',
  },
  DRIFT_MODERATE: {
    title: 'The market looks different from what the model learned',
    body: '{{featuresDrifted}} of {{featuresChecked}} signals the model uses have moved away from their usual range (most: {{worstFeature}}). Ballast makes new trades smaller until this settles. Nothing to do now; the weekly review shows how it develops.',
  },
  DRIFT_SEVERE: {
    title: 'The market has changed a lot: safe mode',
    body: '{{featuresDrifted}} of {{featuresChecked}} signals the model uses are far from what it learned from (most: {{worstFeature}}). Ballast switched to safe mode: no new positions. Consider retraining or switching the model off in the app.',
  },
  POSITION_WITHOUT_STOP: {
    title: 'A position has no protective stop: {{symbol}}',
    body: 'Your position of {{amountBase}} {{baseAsset}} in {{symbol}} has had no confirmed stop order on the exchange for {{minutesUnprotected}} minutes. If the price falls, nothing limits the loss. Open Ballast now; if it cannot place the stop, consider closing the position on the exchange.',
  },
  RECONCILIATION_DIFFERENCES: {
    title: 'Ballast’s records did not match the exchange',
    body: 'When Ballast compared its records with the exchange, {{differences}} orders, fills or balances were different. Ballast trusted the exchange and corrected its records. If you traded on the exchange yourself, this is expected. Otherwise, look at the activity log in the app.',
  },
  EXTERNAL_ORDERS_FOUND: {
    title: 'Orders Ballast did not place are on your account',
    body: 'Ballast found {{externalOrders}} open orders it did not place ({{symbols}}). It will not touch them. If you did not place them yourself, someone else may be using your key: delete the key on the exchange now and create a new one.',
  },
  ORDER_REJECTED: {
    title: 'The exchange refused an order: {{reasonCode}}',
    body: 'A {{side}} order for {{symbol}} was refused by the exchange. Its reason: “{{exchangeMessage}}”. No money moved for this order. If this keeps happening, open Ballast; the weekly review groups refusals by reason.',
  },
  KEY_CAN_WITHDRAW: {
    title: 'Your exchange key can now withdraw funds: live trading stopped',
    body: 'The key “{{keyLabel}}” ({{maskedKeyId}}) on {{exchange}} now has permission to withdraw. Anyone who gets hold of it could move your money off the exchange, so Ballast stopped live trading (Kill). On the exchange, switch withdrawals off for this key, or delete it and create a new one without withdrawals. If you did not change it, assume the key has leaked.',
  },
  KEY_TRADING_DISABLED: {
    title: 'Your exchange key can no longer trade',
    body: 'The key “{{keyLabel}}” ({{maskedKeyId}}) on {{exchange}} has lost its permission to trade. Ballast cannot place or cancel orders with it; stop orders already on the exchange stay. Check the key’s settings on the exchange, or add a new key in the app.',
  },
  KEY_REJECTED_BY_EXCHANGE: {
    title: '{{exchange}} no longer accepts your key',
    body: 'The exchange refused the key “{{keyLabel}}” ({{maskedKeyId}}): it may have been deleted, expired or switched off. Ballast cannot trade or cancel orders with it; stop orders already on the exchange stay. Create a new key on the exchange and add it in the app.',
  },
  KEY_PERMISSIONS_UNREADABLE: {
    title: 'Ballast could not check your exchange key',
    body: 'Ballast asked {{exchange}} what the key “{{keyLabel}}” ({{maskedKeyId}}) may do and got no usable answer. To be safe, live trading is paused until the check succeeds. This is often a short problem at the exchange; Ballast tries again by itself.',
  },
  KEY_ROTATION_DUE_SOON: {
    title: 'Replace your exchange key in {{daysLeft}} days',
    body: 'The key “{{keyLabel}}” ({{maskedKeyId}}) on {{exchange}} is {{ageDays}} days old. You chose to replace keys every {{rotationPeriodDays}} days, by {{rotateByMs, datetime}}. Replacing keys regularly limits the harm a leaked key can do. The app guides you through it.',
  },
  KEY_ROTATION_OVERDUE: {
    title: 'Your exchange key is due for replacement',
    body: 'The key “{{keyLabel}}” ({{maskedKeyId}}) on {{exchange}} is {{ageDays}} days old, past your {{rotationPeriodDays}}-day rotation period. It still works, but the longer a key lives, the more chances it has to leak. Replace it in the app when you can.',
  },
  KEY_EXPIRES_SOON: {
    title: 'The exchange will switch off your key in {{daysLeft}} days',
    body: '{{exchange}} says the key “{{keyLabel}}” ({{maskedKeyId}}) stops working on {{expiresAtMs, datetime}}. After that Ballast cannot trade or protect positions with it. Create a new key and add it in the app before then.',
  },
  KEY_WITHOUT_IP_ALLOWLIST_AGING: {
    title: 'Your key has no IP allowlist and is {{ageDays}} days old',
    body: 'The key “{{keyLabel}}” ({{maskedKeyId}}) on {{exchange}} can be used from any internet address. Some exchanges switch off or delete such keys after about 30 days, which would stop Ballast. Adding your address to the key’s allowlist on the exchange also makes a leaked key useless elsewhere.',
  },
  CAPITAL_LADDER_STEP_READY: {
    title: 'Ballast could trade with more: your decision',
    body: 'Live trading met the conditions to raise Ballast’s share from {{fromQuote, number}} to {{toQuote, number}} {{quoteAsset}}. Nothing changes until you confirm it in the app by typing the confirmation. You can also leave it as it is.',
  },
  CAPITAL_LADDER_STEPPED_UP: {
    title: 'Ballast’s share is now {{toQuote, number}} {{quoteAsset}}',
    body: 'As you confirmed, Ballast may now trade with up to {{toQuote, number}} {{quoteAsset}} (was {{fromQuote, number}}). Your limits apply to the new amount.',
  },
  CAPITAL_LADDER_STEPPED_DOWN: {
    title: 'Ballast lowered its share to {{toQuote, number}} {{quoteAsset}}',
    body: 'Ballast now trades with at most {{toQuote, number}} {{quoteAsset}} (was {{fromQuote, number}}). Reason: {{reasonCode}}. Lowering happens at once to protect your money; raising it again needs your confirmation in the app.',
  },
  BALLAST_STOPPED_UNEXPECTEDLY: {
    title: 'Ballast stopped unexpectedly and has started again',
    body: 'Ballast was last running at {{lastSeenAtMs, datetime}} and did not shut down normally (a crash, a power cut or the computer was turned off). For about {{minutesDown}} minutes nothing watched your account; stop orders already on the exchange stayed in place. Ballast is checking its orders against the exchange now; open it to see the result.',
  },
  WEEKLY_REVIEW_READY: {
    title: 'Your weekly Ballast review',
    body: '{{orders}} orders this week. Execution cost: {{costQuote, number}} {{quoteAsset}} ({{costBps, number}} basis points), fees included. Refused by the exchange: {{rejections}}. Positions with a confirmed stop: {{stopCoveragePercent}}%. Keys to replace soon: {{keysDue}}. The full review is in the app.',
  },
  CHANNEL_TEST: {
    title: 'Test message from Ballast',
    body: 'If you can read this, Ballast can reach you here. Alerts about your trading will arrive in this place. Ballast will never ask you for passwords or keys in a message.',
  },
};

const channelStatus: Readonly<Record<ChannelStatusCode, string>> = {
  CHANNEL_OK: 'Working. The last message was delivered.',
  CHANNEL_NOT_TRIED: 'Set up. Nothing has been sent yet; use “Send a test” to check it.',
  CHANNEL_FAILED: 'Sending failed for a reason Ballast did not expect. It will try again; alerts wait in the queue.',
  CHANNEL_TIMED_OUT: 'The last message got no answer in time. Ballast will try again; alerts wait in the queue.',
  DESKTOP_UNAVAILABLE: 'Desktop notifications are not available on this computer. Check your system’s notification settings.',
  TELEGRAM_TOKEN_REJECTED: 'Telegram refused the bot token. Copy the token again from @BotFather and paste it in the settings. Alerts wait in the queue until then.',
  TELEGRAM_CHAT_NOT_FOUND: 'Telegram does not know this chat. Open your bot in Telegram, press Start, and link the chat again in the settings.',
  TELEGRAM_BOT_BLOCKED: 'The bot cannot write to you: it was blocked or the chat was never started. Open the bot in Telegram and press Start or unblock it.',
  TELEGRAM_RATE_LIMITED: 'Telegram asked Ballast to slow down. Messages are sent again in {{retryAfterSeconds}} seconds.',
  TELEGRAM_SERVER_ERROR: 'Telegram had a problem on its side. Ballast will try again; alerts wait in the queue.',
  TELEGRAM_UNREACHABLE: 'Ballast cannot reach Telegram. Check your internet connection; alerts wait in the queue.',
  TELEGRAM_BAD_RESPONSE: 'Telegram answered with something Ballast could not read. Ballast will try again.',
  TELEGRAM_MESSAGE_REFUSED: 'Telegram refused the message. Ballast will try again; if this stays, send a test from the settings.',
  SMTP_LOGIN_REFUSED: 'The mail server refused the user name or password. Check them in the settings (many providers need an app password). Alerts wait in the queue.',
  SMTP_UNREACHABLE: 'Ballast cannot reach the mail server. Check the server name, the port and your internet connection. Alerts wait in the queue.',
  SMTP_TLS_UNAVAILABLE: 'The mail server did not offer an encrypted connection Ballast could trust, so nothing was sent. Ballast never sends your password unencrypted. Check the server name and port (usually 587).',
  SMTP_ADDRESS_REFUSED: 'The mail server refused the sender or recipient address. Check both addresses in the settings.',
  SMTP_MESSAGE_REFUSED: 'The mail server refused the message. Ballast will try again; if this stays, send a test from the settings.',
  SMTP_SERVER_ERROR: 'The mail server had a problem. Ballast will try again; alerts wait in the queue.',
};

const delivery = {
  recordedAt: 'Recorded {{atMs, datetime}} · Ref {{reference}}',
  maybeRepeat: 'You may have received this already: Ballast lost track of the first attempt (a restart or a dropped connection) and sends it again rather than risk losing it.',
  urgentPrefix: 'URGENT: ',
  emailSubject: 'Ballast: {{title}}',
  emailFooter: 'Sent by Ballast on your computer. Ballast never asks for passwords or keys by email.',
  digestTitle: '{{count}} more alerts from Ballast',
  digestIntro: 'To avoid flooding you, these alerts were collected into one message:',
  digestLine: '{{atMs, datetime}} · {{title}}',
  digestMore: '…and {{count}} more. See all alerts in the app.',
};

const chat = {
  linked: 'This chat is now linked to Ballast. Alerts will arrive here. Commands: /status, /pause, /kill.',
  status: 'Ballast is {{state}} ({{mode}}). Open positions: {{openPositions}}. Today: {{todayPnlQuote, number}} {{quoteAsset}}.',
  paused: 'Ballast is paused: no new trades. Protective stops stay. Resume it in the app.',
  killConfirmQuestion: 'Stop all trading and cancel every open order? Press the button within {{seconds}} seconds to confirm.',
  killConfirmButton: 'Yes, stop everything',
  killConfirmExpired: 'That confirmation has expired. Send /kill again if you still want to stop.',
  killed: 'Kill started: no new trades, open orders are being cancelled. Open the app to see the result.',
  actionFailed: 'That did not work: {{reason}}. Open the app.',
  notAvailable: 'From a chat you can only check (/status) or make Ballast safer (/pause, /kill). Resuming, re-arming, changing limits and going live can only be done in the Ballast app.',
};

const state: Readonly<Record<'ACTIVE' | 'SAFE_MODE' | 'PAUSED' | 'KILLED', string>> = {
  ACTIVE: 'active',
  SAFE_MODE: 'in safe mode',
  PAUSED: 'paused',
  KILLED: 'stopped by Kill',
};

const review = {
  title: 'Ballast weekly review',
  period: '{{fromMs, datetime}} to {{toMs, datetime}}',
  executionHeading: 'What trading cost you',
  executionIntro: 'Each order’s cost is measured against the price when Ballast decided to trade: waiting (delay), crossing the spread, and the fill itself, plus fees. Lower is better.',
  ordersLine: '{{orders}} orders filled, {{notionalQuote, number}} {{quoteAsset}} traded.',
  costTotal: 'Total cost: {{costQuote, number}} {{quoteAsset}} ({{costBps, number}} basis points of the amount traded).',
  costDelay: 'Delay',
  costSpread: 'Spread',
  costExecution: 'Execution',
  costFees: 'Fees',
  costTotalRow: 'Total',
  costColumnQuote: 'Cost ({{quoteAsset}})',
  costColumnBps: 'Basis points',
  costUnknownSpread: 'Orders without a recorded spread: {{orders}}. Their spread is counted under execution.',
  worstHeading: 'Most expensive orders',
  rejectionsHeading: 'Orders the exchange refused',
  rejectionsNone: 'None this week.',
  rejectionLine: '{{reasonCode}} — refused {{count}}× (latest: “{{exampleMessage}}”)',
  errorsHeading: 'Errors',
  errorsNone: 'None this week.',
  errorLine: '{{code}} — {{count}}×',
  stopsHeading: 'Protective stops',
  stopsLine: '{{protectedWithinBar}} of {{positions}} positions had a confirmed stop within one bar ({{coveragePercent}}%). Longest time without one: {{longestUnprotectedMinutes}} minutes.',
  stopsNone: 'No positions were opened this week.',
  liveVsPaperHeading: 'Live against paper',
  liveVsPaperLine: '{{strategy}}: live {{liveReturnPercent}}%, paper {{paperReturnPercent}}%, difference {{differencePercent}} percentage points.',
  liveVsPaperNone: 'No strategy ran both live and on paper this week.',
  driftHeading: 'Has the market changed?',
  driftLine: '{{checks}} checks: {{moderate}} moderate and {{severe}} severe drift readings. Most changed signal: {{worstFeature}}.',
  driftNone: 'No drift checks ran this week.',
  keysHeading: 'Your keys',
  keyLine: '“{{keyLabel}}” on {{exchange}}: {{ageDays}} days old; replace within {{daysLeft}} days.',
  keyLineOverdue: '“{{keyLabel}}” on {{exchange}}: {{ageDays}} days old; replacement is overdue.',
  keysNone: 'No exchange keys are stored.',
  footer: 'Made by Ballast on your computer from its own journal. Past results do not predict future ones.',
};

export const alertMessages = { alert, channelStatus, delivery, chat, state, review } as const;
export type AlertMessages = typeof alertMessages;
