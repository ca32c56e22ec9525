/**
 * Sentences in the style of real bot-service marketing and of honest disclosures, each with the
 * claim rules that must fire on it (none for the honest ones). Service names are invented.
 */
export interface CorpusSentence {
  readonly text: string;
  readonly rules: readonly string[];
}

export const MARKETING_CORPUS: readonly CorpusSentence[] = [
  { text: 'Our AI-powered bot delivers guaranteed daily profits of 3%, no experience needed.', rules: ['guarantee', 'fixed_return'] },
  { text: 'Join 50,000 traders earning 1.2% every day on autopilot.', rules: ['fixed_return'] },
  { text: 'QuantumEdge AI has a verified 97% win rate across 10,000 trades.', rules: ['win_rate'] },
  { text: 'Stake USDT with our arbitrage engine and earn up to 180% APY.', rules: ['high_apr'] },
  { text: 'This is a risk-free way to grow your crypto.', rules: ['guarantee'] },
  { text: 'Only 7 spots left at this price — offer ends at midnight!', rules: ['urgency'] },
  { text: 'Send ETH to the wallet address below and your plan activates instantly.', rules: ['custody'] },
  { text: 'Invite your friends and earn 15% of every deposit they make.', rules: ['referral'] },
  { text: 'Our algorithm never loses: every trade closes in profit.', rules: ['win_rate'] },
  { text: 'For the bot to pay out profits, create an API key with withdrawal permission enabled.', rules: ['withdrawal_key'] },
  { text: 'Earn a fixed 8% weekly return, paid every Friday.', rules: ['fixed_return'] },
  { text: 'Double your Bitcoin in 60 days with our smart trading robot.', rules: ['multiplier'] },
  { text: 'Members made $700 a day last month using our signals.', rules: ['fixed_income'] },
  { text: 'Hurry — the presale bonus closes tonight.', rules: ['urgency'] },
  { text: 'Your capital is 100% protected by our insurance fund.', rules: ['guarantee'] },
  { text: 'Deposit today and receive a 50% welcome bonus.', rules: ['urgency'] },
  { text: 'Build a passive income from your team: level 1 earns 10%, level 2 earns 5%.', rules: ['referral'] },
  { text: 'Our fund managers hold your crypto in a secure pooled wallet.', rules: ['custody'] },
  { text: 'Zero losing weeks since launch.', rules: ['win_rate'] },
  { text: 'Annual returns of 240%, audited by our own team.', rules: ['high_apr'] },
  { text: 'Tick ‘Enable Withdrawals’ so we can rebalance between exchanges.', rules: ['withdrawal_key'] },
  { text: 'Guaranteed 5% monthly returns with zero drawdown.', rules: ['guarantee', 'fixed_return'] },
  { text: 'Crypto trading is risky and you can lose some or all of your money.', rules: [] },
  { text: 'Past performance does not guarantee future results.', rules: [] },
  { text: 'Your funds stay on your exchange account; we only need a trade-only API key.', rules: [] },
  { text: 'Please keep withdrawals disabled on the API key you connect.', rules: [] },
  { text: 'We support IP allowlisting: restrict your key to 203.0.113.7 and 203.0.113.8.', rules: [] },
  { text: 'Fees are 0.1% per trade plus $19 a month for the subscription.', rules: [] },
  { text: 'In backtests the strategy won 55% of trades, and live results were lower.', rules: [] },
  { text: 'The bot uses stop-losses and a daily loss limit of 2% of your account.', rules: [] },
  { text: 'Bitcoin can fall 30% in a week; size your positions accordingly.', rules: [] },
  { text: 'No strategy is risk-free, and nobody can promise returns.', rules: [] },
  { text: 'Example Trading Ltd is registered in Ireland; support answers by email within two business days.', rules: [] },
  { text: 'Read our terms of service and risk disclosure before you subscribe.', rules: [] },
  { text: 'Staking rewards on stablecoins are currently around 5% APY, and they change.', rules: [] },
  { text: 'There is no referral program and no bonus for deposits.', rules: [] },
  { text: 'You can cancel your subscription at any time; there is no lock-in period.', rules: [] },
  { text: 'Never give any service an API key that can withdraw.', rules: [] },
  { text: 'Losing months happen; last year the bot had four of them.', rules: [] },
  { text: 'We never take custody of your funds and never ask you to deposit to our wallet.', rules: [] },
];
