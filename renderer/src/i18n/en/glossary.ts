/** One-line explanations of trading words, shown where the words appear (see glossary/Terms.tsx). */
export const glossary = {
  glossary: {
    atr: { term: 'ATR (average true range)', meaning: 'how far the price typically moves within one bar, averaged over the last 14 bars. Ballast uses it to size trades and place stops.' },
    equity: { term: 'Equity', meaning: 'what the account is worth now: its cash plus the current value of the coins it holds.' },
    highWaterMark: { term: 'High-water mark', meaning: 'the highest value the account has reached. The fall from it is the drawdown.' },
    reduceOnly: { term: 'Reduce-only', meaning: 'the bot may sell what it holds, but buys nothing new.' },
    spread: { term: 'Spread', meaning: 'the gap between the best price a buyer offers and the best price a seller asks. A wide spread makes every trade cost more.' },
    slippage: { term: 'Slippage', meaning: 'the difference between the price you expected and the price you got, when an order fills against worse prices in the order book.' },
    orderBook: { term: 'Order book', meaning: 'the list of orders waiting to buy and to sell at each price.' },
    dust: { term: 'Dust', meaning: 'a leftover amount of a coin too small to be sold on the exchange.' },
    spot: { term: 'Spot trading', meaning: 'buying and selling coins with money you have, without borrowing (no margin, no futures).' },
    usdt: { term: 'USDT (Tether)', meaning: 'a coin meant to stay worth one US dollar. Prices and the paper account are counted in it.' },
    basicText: { term: 'basic_text', meaning: 'what the system calls storage without real encryption: anyone who copies your files could read what is in it.' },
    score: { term: 'Score', meaning: 'how strongly a strategy leans, from −1 (sell) through 0 (no view) to +1 (buy). It is a suggestion; the risk checks decide what is sent.' },
    fill: { term: 'Fill', meaning: 'a trade that happened: an order met a buyer or a seller, at the price shown.' },
    inSample: { term: 'In-sample', meaning: 'judged on the same prices the strategy was shown. Results like this flatter; only prices it never saw (out-of-sample) test it fairly.' },
    buyAndHold: { term: 'Buy and hold', meaning: 'what the same starting money would be worth if it had bought the coin at the start and done nothing else, after the same fees.' },
    limitOrder: { term: 'Limit and market orders', meaning: 'a limit order names the worst price you accept; a market order takes whatever price the order book offers now.' },
  },
} as const;

export type TermId = keyof (typeof glossary)['glossary'];
