import type { ClaimRule } from './claimRule.ts';

/** Small counts marketing uses for scarcity: "only 3 spots", "just a few places". */
const FEW = String.raw`(?:\d{1,3}|a\s+few|few|one|two|three|four|five|six|seven|eight|nine|ten)`;

export const urgencyRule: ClaimRule = {
  id: 'urgency',
  explanationCode: 'CLAIM_URGENCY',
  patterns: [
    /\blimited[- ]time\b/i,
    /\b(?:today|tonight)\s+only\b|\bonly\s+(?:today|tonight)\b/i,
    /\bact\s+(?:now|fast|quickly|today|immediately)\b/i,
    /\bhurry\b/i,
    new RegExp(String.raw`\b(?:only|just)\s+${FEW}\s+(?:spots?|places?|seats?|slots?|positions?|memberships?|licen[cs]es?|invites?|invitations?)\b`, 'i'),
    /\b(?:spots?|places?|seats?|slots?)\s+(?:are\s+)?(?:filling|going|selling)\s+(?:up\s+|out\s+)?fast\b/i,
    /\blast\s+chance\b/i,
    /\b(?:offer|deal|bonus|promotion|promo|price|discount)\s+(?:ends|expires)\s+(?:soon|today|tonight|at\s+midnight|in\s+\d+)/i,
    /\bdon['’]?t\s+miss\s+(?:out|this|the)\b/i,
    /\bbefore\s+it['’]?s\s+too\s+late\b/i,
    /\bnow\s+or\s+never\b/i,
    /\bonce[- ]in[- ]a[- ]lifetime\b/i,
    /\bwhile\s+(?:spots|places|seats|supplies|stocks?)\s+last\b/i,
    /\b(?:deposit|invest|fund\s+your\s+account)\s+(?:now|today|within\s+\d+\s+(?:hours?|minutes?|days?))\b/i,
  ],
  examples: {
    flagged: [
      'Limited time offer: join before Friday!',
      'Only 3 spots left in the VIP group.',
      'Act now, prices go up tomorrow.',
      'Today only: double bonus on deposits.',
      'Deposit within 24 hours to lock in the bonus.',
      'Don’t miss out on the next bull run!',
    ],
    clean: [
      'Take your time; there is no need to act now.',
      'There is no deadline and no limited-time offer.',
      'You can cancel at any time.',
    ],
  },
};

export const referralRule: ClaimRule = {
  id: 'referral',
  explanationCode: 'CLAIM_REFERRAL',
  patterns: [
    /\b(?:invite|refer|bring|recruit)\s+(?:your\s+|more\s+)?(?:friends?|family|people|others|members|a\s+friend)\s+(?:and|to)\s+(?:earn|get\s+paid|make\s+money|receive|profit|unlock)\b/i,
    /\bearn\s+(?:\w+\s+)?(?:from|on|with|through)\s+(?:your\s+)?(?:referrals?|downline|team|invitees?|network)\b/i,
    /\b(?:passive\s+)?income\s+from\s+(?:your\s+)?(?:referrals?|team|downline|network)\b/i,
    /\breferral\s+(?:commissions?|levels?|tiers?|income|earnings|rewards?\s+on\s+(?:every|each|all)\s+levels?)\b/i,
    /\bmulti[- ]?level\b|\bMLM\b/i,
    /\b(?:downline|upline|team\s+bonus(?:es)?|matrix\s+(?:plan|system|bonus))\b/i,
    /\blevel[- ]\d+\s+(?:commissions?|bonus(?:es)?|referrals?|rewards?)\b/i,
    /\b(?:commissions?|bonus(?:es)?|rewards?)\s+(?:on|from|across)\s+(?:\d+|multiple|several|three|five|ten|all)\s+levels\b/i,
    /\bthe\s+more\s+(?:people|friends|members)\s+you\s+(?:invite|recruit|bring|refer)\b/i,
  ],
  examples: {
    flagged: [
      'Invite friends and earn 10% of their profits.',
      'Build passive income from referrals.',
      'Earn commissions on 5 levels of your downline.',
      'Level 1 commission: 8%, level 2: 5%, level 3: 2%.',
      'The more people you invite, the more you earn.',
    ],
    clean: [
      'We do not pay referral commissions.',
      'No referral levels, no team bonuses.',
      'Support is available to every member.',
    ],
  },
};

export const custodyRule: ClaimRule = {
  id: 'custody',
  explanationCode: 'CLAIM_CUSTODY',
  patterns: [
    /\b(?:send|transfer|deposit|move)\s+(?:your\s+|the\s+|us\s+|in\s+)?(?:\w+\s+){0,2}?(?:btc|bitcoin|eth|ether|ethereum|usdt|usdc|tether|crypto(?:currency|currencies)?|coins?|funds|tokens|money|assets|deposit)\s+(?:to|into|with)\s+(?:us\b|me\b|our\b|my\b|this\s+(?:wallet|address)|the\s+(?:following|wallet|address|platform|company|pool))/i,
    /\b(?:deposit|transfer|send)\s+(?:\w+\s+){0,3}?(?:to|into)\s+(?:the\s+)?(?:wallet\s+)?address\s+(?:below|above|shown)\b/i,
    /\b(?:we|they|our\s+(?:team|traders|managers|fund\s+managers|experts))\s+(?:will\s+)?(?:hold|manage|keep|store|look\s+after|take\s+custody\s+of)\s+(?:all\s+)?your\s+(?:funds|crypto|coins|bitcoin|deposits?|money|assets)\b/i,
    /\b(?:pooled?|pooling)\s+(?:your\s+|our\s+|member\s+)?(?:funds|capital|money|deposits|wallet|account)\b/i,
    /\b(?:our|the)\s+(?:trading|investment|managed|liquidity)\s+pool\b/i,
  ],
  examples: {
    flagged: [
      'Send your BTC to our wallet and the bot does the rest.',
      'Deposit USDT to the address below to activate your plan.',
      'We manage your funds so you do not have to.',
      'Your deposit joins our trading pool.',
      'Transfer your crypto to us and watch it grow.',
    ],
    clean: [
      'Your funds never leave your own exchange account.',
      'We never ask you to send crypto to us.',
      'We do not hold your funds.',
    ],
  },
};

export const withdrawalKeyRule: ClaimRule = {
  id: 'withdrawal_key',
  explanationCode: 'CLAIM_WITHDRAWAL_KEY',
  negatedBySwitchedOffAfter: true,
  patterns: [
    /\benable\s+(?:the\s+)?["“'‘]?withdraw(?:al|als|s)?\b/i,
    /\b(?:with|needs?|requires?|requiring|grant|give)\s+(?:us\s+)?(?:the\s+)?withdraw(?:al)?s?\s+(?:permissions?|access|rights?|enabled)\b/i,
    /\bwithdraw(?:al)?s?\s+(?:permissions?|access|rights?)\s+(?:is\s+|are\s+)?(?:required|needed|necessary|must\s+be\s+(?:on|enabled|ticked|checked))\b/i,
    /\bwithdraw(?:al)?s?\s+(?:must|need\s+to|should|have\s+to)\s+be\s+(?:enabled|on|allowed|turned\s+on|switched\s+on|ticked|checked)\b/i,
    /\b(?:tick|check|select|turn\s+on|switch\s+on|allow|activate)\s+(?:the\s+)?["“'‘]?(?:enable\s+)?withdraw(?:al|als|s)?\b/i,
    /\bwithdrawal[- ]enabled\s+(?:api\s+)?keys?\b/i,
  ],
  examples: {
    flagged: [
      'Create an API key and enable withdrawals so we can pay out your profits.',
      'The bot needs an API key with withdrawal permission.',
      'Withdrawals must be enabled on your key.',
      'Tick “Enable Withdrawals” when you create the key.',
    ],
    clean: [
      'Do not enable withdrawals on the key you give us.',
      'Leave “Enable Withdrawals” unticked.',
      'We only need read and trade permissions; keep withdrawals off.',
      'Never tick the withdraw box.',
    ],
  },
};

export const CONDUCT_CLAIM_RULES: readonly ClaimRule[] = [urgencyRule, referralRule, custodyRule, withdrawalKeyRule];
