import type { ExchangeId } from '../../../../core/keys/index.ts';

/**
 * Response shapes as each exchange documents them (doc URLs next to the verifiers in
 * core/keys/permissions). `base` is a trade-only key with withdrawals off; the other cases
 * change one thing each.
 */
export interface ExchangeResponses {
  readonly method: 'GET' | 'POST';
  readonly path: string;
  readonly base: () => Record<string, unknown>;
  readonly withdrawEnabled: (base: Record<string, unknown>) => void;
  readonly readOnly: (base: Record<string, unknown>) => void;
  readonly withdrawFieldMissing: (base: Record<string, unknown>) => void;
  readonly unknownPermissionCode: (base: Record<string, unknown>) => void;
  /** Sets an IP allowlist of 203.0.113.7 (and .8); undefined where the endpoint has none. */
  readonly ipAllowlist?: (base: Record<string, unknown>) => void;
  readonly authError: { status: number; body: (echo: string) => unknown };
}

type Obj = Record<string, unknown>;
const inner = (body: Obj, key: string): Obj => body[key] as Obj;
const okxData = (body: Obj): Obj => (body['data'] as Obj[])[0] as Obj;

export const EXCHANGE_RESPONSES: Readonly<Record<ExchangeId, ExchangeResponses>> = {
  binance: {
    method: 'GET',
    path: '/sapi/v1/account/apiRestrictions',
    base: () => ({
      ipRestrict: false, createTime: 1_698_645_219_000, enableReading: true, enableWithdrawals: false,
      enableInternalTransfer: false, enableMargin: false, enableFutures: false, permitsUniversalTransfer: false,
      enableVanillaOptions: false, enableFixApiTrade: false, enableFixReadOnly: true,
      enableSpotAndMarginTrading: true, enablePortfolioMarginTrading: false,
    }),
    withdrawEnabled: (b) => { b['enableWithdrawals'] = true; b['ipRestrict'] = true; },
    readOnly: (b) => { b['enableSpotAndMarginTrading'] = false; },
    withdrawFieldMissing: (b) => { delete b['enableWithdrawals']; },
    unknownPermissionCode: (b) => { b['enableCryptoPayouts'] = true; },
    authError: { status: 401, body: (echo) => ({ code: -2015, msg: `Invalid API-key, IP, or permissions for action. ${echo}` }) },
  },
  kraken: {
    method: 'POST',
    path: '/0/private/GetApiKeyInfo',
    base: () => ({
      error: [],
      result: {
        apiKeyName: 'ballast', apiKey: 'FAKE-KEY-CANARY-kraken-0001', nonce: '1772627060997', nonceWindow: 0,
        permissions: ['query-funds', 'query-open-trades', 'query-closed-trades', 'modify-trades', 'close-trades'],
        iban: 'AA88 N84G WOAK NMOI', validUntil: '0', queryFrom: '0', queryTo: '0',
        createdTime: '1772542900', modifiedTime: '1772543095', ipAllowlist: [], lastUsed: '1772627061',
      },
    }),
    withdrawEnabled: (b) => { (inner(b, 'result')['permissions'] as string[]).push('withdraw-funds'); },
    readOnly: (b) => { inner(b, 'result')['permissions'] = ['query-funds', 'query-open-trades', 'query-closed-trades', 'query-ledger']; },
    withdrawFieldMissing: (b) => { delete inner(b, 'result')['permissions']; },
    unknownPermissionCode: (b) => { (inner(b, 'result')['permissions'] as string[]).push('send-funds'); },
    ipAllowlist: (b) => { inner(b, 'result')['ipAllowlist'] = ['203.0.113.7', '203.0.113.8']; },
    authError: { status: 200, body: (echo) => ({ error: ['EAPI:Invalid key'], result: { note: echo } }) },
  },
  okx: {
    method: 'GET',
    path: '/api/v5/account/config',
    base: () => ({
      code: '0',
      msg: '',
      data: [{
        acctLv: '1', acctStpMode: 'cancel_maker', autoLoan: false, ctIsoMode: 'automatic', enableSpotBorrow: false,
        greeksType: 'PA', ip: '', type: '0', kycLv: '3', label: 'ballast', level: 'Lv1', levelTmp: '',
        liquidationGear: '-1', mainUid: '44705892343619584', mgnIsoMode: 'automatic', opAuth: '1',
        perm: 'read_only,trade', posMode: 'net_mode', roleType: '0', spotBorrowAutoRepay: false,
        spotOffsetType: '', spotRoleType: '0', spotTraderInsts: [], traderInsts: [], uid: '44705892343619584',
      }],
    }),
    withdrawEnabled: (b) => { okxData(b)['perm'] = 'read_only,withdraw,trade'; },
    readOnly: (b) => { okxData(b)['perm'] = 'read_only'; },
    withdrawFieldMissing: (b) => { delete okxData(b)['perm']; },
    unknownPermissionCode: (b) => { okxData(b)['perm'] = 'read_only,trade,transfer'; },
    ipAllowlist: (b) => { okxData(b)['ip'] = '203.0.113.7,203.0.113.8'; },
    authError: { status: 401, body: (echo) => ({ code: '50111', msg: `Invalid OK-ACCESS-KEY ${echo}`, data: [] }) },
  },
  bybit: {
    method: 'GET',
    path: '/v5/user/query-api',
    base: () => ({
      retCode: 0,
      retMsg: '',
      result: {
        id: '13770661', note: 'ballast', apiKey: 'FAKE-KEY-CANARY-bybit-0001', readOnly: 0, secret: '',
        permissions: {
          ContractTrade: [], Spot: ['SpotTrade'], Wallet: ['AccountTransfer'], Options: [], Derivatives: [],
          CopyTrading: [], BlockTrade: [], Exchange: [], NFT: [], Affiliate: [], Earn: [],
        },
        ips: ['*'], type: 1, deadlineDay: 66, expiredAt: '2026-12-01T02:36:06Z', createdAt: '2026-08-25T06:42:39Z',
        unified: 0, uta: 1, userID: 24_617_703, inviterID: 0, vipLevel: 'No VIP', mktMakerLevel: '0',
        affiliateID: 0, rsaPublicKey: '', isMaster: true, parentUid: '0', kycLevel: 'LEVEL_DEFAULT', kycRegion: '',
      },
      retExtInfo: {},
      time: 1_795_600_000_000,
    }),
    withdrawEnabled: (b) => { inner(inner(b, 'result'), 'permissions')['Wallet'] = ['AccountTransfer', 'Withdraw']; },
    readOnly: (b) => { inner(b, 'result')['readOnly'] = 1; inner(inner(b, 'result'), 'permissions')['Spot'] = []; },
    withdrawFieldMissing: (b) => { delete inner(b, 'result')['permissions']; },
    unknownPermissionCode: (b) => { inner(inner(b, 'result'), 'permissions')['Wallet'] = ['AccountTransfer', 'FundsOut']; },
    ipAllowlist: (b) => { inner(b, 'result')['ips'] = ['203.0.113.7', '203.0.113.8']; },
    authError: { status: 401, body: (echo) => ({ retCode: 10003, retMsg: `API key is invalid. ${echo}`, result: {}, retExtInfo: {}, time: 1 }) },
  },
  kucoin: {
    method: 'GET',
    path: '/api/v1/user/api-key',
    base: () => ({
      code: '200000',
      data: {
        remark: 'ballast', apiKey: 'FAKE-KEY-CANARY-kucoin-0001', apiVersion: 3, permission: 'General,Spot',
        createdAt: 1_728_443_843_000, uid: 165_111_215, isMaster: true,
      },
    }),
    withdrawEnabled: (b) => { inner(b, 'data')['permission'] = 'General,Spot,Transfer'; },
    readOnly: (b) => { inner(b, 'data')['permission'] = 'General'; },
    withdrawFieldMissing: (b) => { delete inner(b, 'data')['permission']; },
    unknownPermissionCode: (b) => { inner(b, 'data')['permission'] = 'General,Spot,FlexTransfers'; },
    ipAllowlist: (b) => { inner(b, 'data')['ipWhitelist'] = '203.0.113.7,203.0.113.8'; },
    authError: { status: 401, body: (echo) => ({ code: '400003', msg: `KC-API-KEY not exists ${echo}` }) },
  },
  coinbase: {
    method: 'GET',
    path: '/api/v3/brokerage/key_permissions',
    base: () => ({
      can_view: true, can_trade: true, can_transfer: false, can_receive: false,
      portfolio_uuid: '8bfc20d7-f7c6-4422-bf07-8243ca4169fe', portfolio_type: 'DEFAULT',
    }),
    withdrawEnabled: (b) => { b['can_transfer'] = true; },
    readOnly: (b) => { b['can_trade'] = false; },
    withdrawFieldMissing: (b) => { delete b['can_transfer']; },
    unknownPermissionCode: (b) => { b['can_send_onchain'] = true; },
    authError: { status: 401, body: (echo) => ({ error: 'unauthorized', message: `Unauthorized ${echo}` }) },
  },
  bitget: {
    method: 'GET',
    path: '/api/v2/spot/account/info',
    base: () => ({
      code: '00000',
      msg: 'success',
      requestTime: 1_695_808_949_356,
      data: {
        userId: '1234567890', inviterId: '0', ips: '', authorities: ['stor', 'stow'], parentId: 1_234_567_890,
        traderType: 'not_trader', channelCode: '', channel: '', regisTime: '1700000000000',
      },
    }),
    withdrawEnabled: (b) => { inner(b, 'data')['authorities'] = ['stor', 'stow', 'wwow']; },
    readOnly: (b) => { inner(b, 'data')['authorities'] = ['stor']; },
    withdrawFieldMissing: (b) => { delete inner(b, 'data')['authorities']; },
    unknownPermissionCode: (b) => { inner(b, 'data')['authorities'] = ['stor', 'stow', 'xfow']; },
    ipAllowlist: (b) => { inner(b, 'data')['ips'] = '203.0.113.7,203.0.113.8'; },
    authError: { status: 400, body: (echo) => ({ code: '40006', msg: `Invalid ACCESS_KEY ${echo}`, requestTime: 1, data: null }) },
  },
};
