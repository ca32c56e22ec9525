import { PERCENT, number, pattern, type ClaimRule } from './claimRule.ts';
import { compoundedYearlyPercent, parseClaimNumber, periodOf } from './claimText.ts';

/** Above this yearly rate an APR/APY claim is flagged: far beyond what lending or staking pays. */
export const PLAUSIBLE_YEARLY_PERCENT = 20;
/** A stated win rate from this high up is flagged: it usually hides rare, large losses. */
export const HIGH_WIN_RATE_PERCENT = 80;
/** Compounded figures are capped here so they stay finite numbers in JSON. */
const MAX_SHOWN_PERCENT = 1e12;

const words = (...list: readonly string[]): ReadonlySet<string> => new Set(list);

/** A clause about prices falling, fees or volatility is describing risk or cost, not promising a return. */
const NOT_A_RETURN = words(
  'fee', 'fees', 'charge', 'charges', 'charged', 'cost', 'costs', 'price', 'prices', 'priced', 'subscription', 'commission',
  'drop', 'drops', 'dropped', 'fall', 'falls', 'fell', 'lose', 'loses', 'lost', 'loss', 'losses', 'drawdown', 'decline',
  'declined', 'crash', 'crashed', 'swing', 'swings', 'move', 'moves', 'moved', 'volatile', 'volatility', 'down', 'rose',
  'rise', 'rises', 'rallied', 'jumped', 'inflation', 'funding',
);

export const guaranteeRule: ClaimRule = {
  id: 'guarantee',
  explanationCode: 'CLAIM_GUARANTEE',
  patterns: [
    /(?<!money[- ]back\s)(?<!satisfaction\s)(?<!refund\s)\bguarantee(?:s|d)?\b(?!\s+(?:uptime|refunds?|delivery|privacy|response))/i,
    /\brisk[- ]?free\b(?!\s+(?:trial|for\s+\d+\s+days))/i,
    /\briskless\b/i,
    /\b(?:no|zero)[- ]risk\b(?![-\w])/i,
    /\bwithout\s+(?:any\s+)?risk\b/i,
    /\b(?:can(?:not|['’]t|\s+not)|won['’]t|will\s+never|never)\s+lose\b(?!\s+more\s+than)/i,
    /\b(?:impossible|no\s+way)\s+to\s+lose\b/i,
    /(?:\b100\s?%|\b(?:completely|totally|absolutely|perfectly))\s+(?:safe|protected)\b/i,
    /\b(?:capital|principal)[- ](?:is\s+|are\s+)?(?:fully\s+|100\s?%\s+)?protect(?:ed|ion)\b/i,
  ],
  examples: {
    flagged: [
      'Guaranteed profits every single week.',
      'Our AI trading is completely risk-free.',
      'Start earning with zero risk.',
      'With our bot you can’t lose.',
      'Your capital is fully protected while the bot trades.',
      'We guarantee you will make money.',
      'Profit without any risk.',
      'It is 100% safe.',
    ],
    clean: [
      'No strategy is guaranteed to make money.',
      'Past results do not guarantee future returns.',
      'You can lose money.',
      'There is no such thing as a risk-free trade.',
      'Try the software risk-free for 14 days.',
      'Start a risk-free trial of the software.',
      '30-day money-back guarantee on the subscription.',
      'On spot markets you cannot lose more than you put in.',
      'Nobody can promise you will never lose.',
    ],
  },
};

export const winRateRule: ClaimRule = {
  id: 'win_rate',
  explanationCode: 'CLAIM_WIN_RATE',
  patterns: [
    pattern(
      number('percent'), PERCENT,
      String.raw`\s*(?:win(?:ning)?[- ]?rate|success(?:ful)?[- ]rate|hit[- ]rate|strike[- ]rate|accuracy|accurate|winning\s+trades|profitable\s+trades`,
      String.raw`|of\s+(?:all\s+|our\s+)?(?:trades|signals|predictions)\s+(?:are|were|end|ended|close|closed)\s+(?:winners|winning|profitable|in\s+profit|correct|right|green))`,
    ),
    pattern(
      String.raw`\b(?:win(?:ning)?[- ]?rate|success[- ]rate|hit[- ]rate|strike[- ]rate|accuracy)\s*(?:of|is|was|:|=|reaches|reaching|above|over|at)?\s*(?:up\s+to\s+|above\s+|over\s+)?`,
      number('percent'), PERCENT,
    ),
    /\bnever\s+(?:loses|lost|had\s+a\s+losing|has\s+a\s+losing|makes?\s+a\s+loss)\b/i,
    /\b(?:wins?|won|profits?)\s+(?:on\s+)?every\s+(?:single\s+)?(?:trade|time|day|week|month)\b/i,
    /\b(?:no|zero|not\s+a\s+single|not\s+one)\s+losing\s+(?:trades?|days?|weeks?|months?)\b/i,
    /\bevery\s+(?:single\s+)?trade\s+(?:is\s+|was\s+)?(?:a\s+)?(?:win|winner|winning|profitable|in\s+profit)\b/i,
  ],
  judge: ({ percent }) => {
    // "Never loses", "every trade wins": a claim of every trade winning, i.e. 100%.
    if (percent === undefined) return { percent: 100 };
    const value = parseClaimNumber(percent);
    return value >= HIGH_WIN_RATE_PERCENT ? { percent: value } : null;
  },
  examples: {
    flagged: [
      'Our AI has a 95% win rate.',
      'Win rate of 92% over the last year!',
      'The bot never loses.',
      'Signals with 98% accuracy.',
      'We had zero losing months in 2023.',
      'Every trade is a winner.',
    ],
    clean: [
      'No bot wins every trade.',
      'Our backtest win rate was 54%, and real results are usually worse.',
      'Some trades lose money; that is normal.',
      'Nobody can honestly promise a 90% win rate.',
    ],
  },
};

function fixedReturnParams(percentText: string | undefined, periodText: string | undefined, countText?: string) {
  const percent = parseClaimNumber(percentText ?? '');
  const period = periodOf(periodText ?? '');
  if (!Number.isFinite(percent) || period === undefined) return null;
  const count = countText === undefined ? 1 : /^\d+$/.test(countText) ? Number(countText) : 1;
  const perPeriod = count > 1 ? (Math.pow(1 + percent / 100, 1 / count) - 1) * 100 : percent;
  const yearly = compoundedYearlyPercent(perPeriod, period);
  const impliedYearlyPercent = Number.isFinite(yearly) ? Math.min(Math.round(yearly), MAX_SHOWN_PERCENT) : MAX_SHOWN_PERCENT;
  // "300% in 3 months" is restated per month, so every message can say "x% a month".
  return { percent: Math.round(perPeriod * 100) / 100, period, impliedYearlyPercent };
}

const PERIOD = String.raw`(?<period>day|week|month|24\s?h(?:ours?)?)\b`;

export const fixedReturnRule: ClaimRule = {
  id: 'fixed_return',
  explanationCode: 'CLAIM_FIXED_RETURN',
  unrelatedIfClauseMentions: NOT_A_RETURN,
  patterns: [
    pattern(
      number('percent'), PERCENT,
      String.raw`\s*(?:(?:profits?|returns?|gains?|interest|roi|yield|income|growth)\s+)?(?:per|a|an|each|every|/)\s*`, PERIOD,
    ),
    pattern(number('percent'), PERCENT, String.raw`\s*(?<period>daily|weekly|monthly)\b`),
    pattern(
      String.raw`\b(?<period>daily|weekly|monthly)\s+(?:returns?|profits?|gains?|roi|income|yield|interest|payouts?)\s*(?:of|:|=|reaching|from)?\s*(?:up\s+to\s+)?`,
      number('percent'), PERCENT,
    ),
    pattern(
      number('percent'), PERCENT, String.raw`\s*(?:(?:profits?|returns?|gains?|roi)\s+)?in\s+(?:just\s+|only\s+)?(?<count>\d+|a|one)\s+`,
      String.raw`(?<period>days?|weeks?|months?)\b`,
    ),
  ],
  judge: ({ percent, period, count }) => fixedReturnParams(percent, period, count),
  examples: {
    flagged: [
      'Earn 2% daily with our AI bot.',
      'Members earn 30% a month on autopilot.',
      'Daily returns of 1.5% paid straight to your account.',
      'Our users made 300% in 3 months.',
      'Get 10% weekly profit from our signals.',
    ],
    clean: [
      'The subscription costs 2% of your balance a month.',
      'Crypto prices can fall 20% in a day.',
      'Bitcoin can drop 10% a day during a crash.',
      'We charge a 0.1% fee per trade.',
    ],
  },
};

export const fixedIncomeRule: ClaimRule = {
  id: 'fixed_income',
  explanationCode: 'CLAIM_FIXED_INCOME',
  unrelatedIfClauseMentions: NOT_A_RETURN,
  patterns: [
    pattern(
      String.raw`\b(?:earn(?:s|ed|ing)?|mak(?:e|es|ing)|made|gets?|getting|receiv(?:e|es|ed|ing)|profit(?:s|ed)?|collect(?:s|ed)?|take\s+home)`,
      String.raw`\s+(?:up\s+to\s+|at\s+least\s+|over\s+)?`,
      String.raw`(?:[$€£]\s?\d[\d,.]*k?|\d[\d,.]*k?\s?(?:usd|usdt|usdc|eur|dollars|euros|\$|€))\s*`,
      String.raw`(?:(?:in\s+)?(?:profits?|income)\s+)?(?:per|a|an|each|every|/)\s*(?<period>day|week|month)\b`,
    ),
    pattern(
      String.raw`(?:[$€£]\s?\d[\d,.]*k?|\d[\d,.]*k?\s?(?:usd|usdt|usdc|eur|dollars|euros))\s*(?:per|a|an|each|every|/)\s*(?<period>day|week|month)`,
      String.raw`\s+(?:in\s+)?(?:passive\s+)?(?:income|profits?|returns?|earnings)\b`,
    ),
  ],
  judge: ({ period }) => {
    const p = periodOf(period ?? '');
    return p === undefined ? null : { period: p };
  },
  examples: {
    flagged: ['Make $500 a day from home with our trading robot.', '$1,000 per week in passive income, fully automated.'],
    clean: ['The plan costs $29 a month.', 'You pay $15 per month for the subscription.'],
  },
};

const YEARLY = String.raw`(?:apy|apr|a\.p\.y\.|a\.p\.r\.|p\.\s?a\.|annual(?:ly|i[sz]ed)?(?:\s+(?:returns?|yield|interest|profits?|roi|gains?))?`
  + String.raw`|yearly(?:\s+(?:returns?|profits?|yield))?|(?:(?:returns?|profits?|interest|roi|yield)\s+)?(?:per|a|each|every|/)\s*(?:year|annum|yr))(?![a-z])`;

export const highAprRule: ClaimRule = {
  id: 'high_apr',
  explanationCode: 'CLAIM_HIGH_APR',
  unrelatedIfClauseMentions: NOT_A_RETURN,
  patterns: [
    pattern(number('percent'), PERCENT, String.raw`\s*(?:(?:fixed|guaranteed|stable|annual|yearly)\s+)?`, YEARLY),
    pattern(
      String.raw`\b(?:apy|apr|annual\s+(?:returns?|yield|percentage\s+(?:yield|rate)|roi|interest|profits?)|yearly\s+(?:returns?|profits?|yield))`,
      String.raw`\s*(?:of|is|:|=|reaching|over|above|around|at)?\s*(?:up\s+to\s+|over\s+)?`, number('percent'), PERCENT,
    ),
  ],
  judge: ({ percent }) => {
    const value = parseClaimNumber(percent ?? '');
    return value > PLAUSIBLE_YEARLY_PERCENT ? { percent: value, boundPercent: PLAUSIBLE_YEARLY_PERCENT } : null;
  },
  examples: {
    flagged: ['Stake with our bot and earn up to 365% APY.', 'APR of 120% on every deposit.', 'A fixed 45% annual return.'],
    clean: ['Savings accounts pay about 4% APY.', 'Up to 20% APY on stablecoins.', 'Bitcoin’s volatility is about 60% a year.'],
  },
};

export const multiplierRule: ClaimRule = {
  id: 'multiplier',
  explanationCode: 'CLAIM_MULTIPLIER',
  patterns: [
    /\b(?:double|triple|quadruple|10x|100x|\d{1,4}x|x\d{1,4})\s+(?:your\s+)?(?:money|investment|deposit|capital|crypto|bitcoin|btc|portfolio|funds|savings|account|balance)\b/i,
  ],
  examples: {
    flagged: ['Double your money in 30 days.', '10x your portfolio with AI signals.'],
    clean: ['No bot will double your money on command.', 'Leverage can double your losses.'],
  },
};

export const RETURN_CLAIM_RULES: readonly ClaimRule[] = [
  guaranteeRule, winRateRule, fixedReturnRule, fixedIncomeRule, highAprRule, multiplierRule,
];
