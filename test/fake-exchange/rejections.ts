/**
 * Binance's own error payloads (`{"code": -1013, "msg": "..."}`), with the HTTP status the exchange
 * answers them with. Codes and texts follow Binance's published spot error list, because ccxt maps
 * errors by exact code and sometimes by exact message: a different wording changes the ccxt class.
 */
export class BinanceRejection extends Error {
  readonly httpStatus: number;
  readonly code: number;

  constructor(httpStatus: number, code: number, msg: string) {
    super(msg);
    this.name = 'BinanceRejection';
    this.httpStatus = httpStatus;
    this.code = code;
  }

  body(): { code: number; msg: string } {
    return { code: this.code, msg: this.message };
  }
}

export const reject = {
  filterFailure: (filter: string) => new BinanceRejection(400, -1013, `Filter failure: ${filter}`),
  insufficientBalance: () => new BinanceRejection(400, -2010, 'Account has insufficient balance for requested action.'),
  duplicateOrder: () => new BinanceRejection(400, -2010, 'Duplicate order sent.'),
  stopWouldTriggerImmediately: () => new BinanceRejection(400, -2010, 'Stop price would trigger immediately.'),
  wouldImmediatelyTake: () => new BinanceRejection(400, -2010, 'Order would immediately match and take.'),
  unknownOrderOnCancel: () => new BinanceRejection(400, -2011, 'Unknown order sent.'),
  orderDoesNotExist: () => new BinanceRejection(400, -2013, 'Order does not exist.'),
  timestampOutsideRecvWindow: () => new BinanceRejection(400, -1021, 'Timestamp for this request is outside of the recvWindow.'),
  timestampAheadOfServer: () => new BinanceRejection(400, -1021, "Timestamp for this request was 1000ms ahead of the server's time."),
  invalidSignature: () => new BinanceRejection(400, -1022, 'Signature for this request is not valid.'),
  rejectedApiKey: () => new BinanceRejection(401, -2015, 'Invalid API-key, IP, or permissions for action.'),
  apiKeyFormatInvalid: () => new BinanceRejection(401, -2014, 'API-key format invalid.'),
  mandatoryParameter: (name: string) =>
    new BinanceRejection(400, -1102, `Mandatory parameter '${name}' was not sent, was empty/null, or malformed.`),
  eitherParameter: (a: string, b: string) =>
    new BinanceRejection(400, -1102, `Param '${a}' or '${b}' must be sent, but both were empty/null!`),
  illegalCharacters: (name: string) => new BinanceRejection(400, -1100, `Illegal characters found in parameter '${name}'.`),
  tooMuchPrecision: (name: string) => new BinanceRejection(400, -1111, `Parameter '${name}' has too much precision.`),
  invalidParameter: (name: string) => new BinanceRejection(400, -1130, `Data sent for parameter '${name}' is not valid.`),
  parameterNotRequired: (name: string) => new BinanceRejection(400, -1106, `Parameter '${name}' sent when not required.`),
  invalidSymbol: () => new BinanceRejection(400, -1121, 'Invalid symbol.'),
  invalidInterval: () => new BinanceRejection(400, -1120, 'Invalid interval.'),
  invalidSide: () => new BinanceRejection(400, -1117, 'Invalid side.'),
  invalidOrderType: () => new BinanceRejection(400, -1116, 'Invalid orderType.'),
  invalidTimeInForce: () => new BinanceRejection(400, -1115, 'Invalid timeInForce.'),
  unsupportedOrderCombination: () => new BinanceRejection(400, -1014, 'Unsupported order combination.'),
  recvWindowTooLarge: () => new BinanceRejection(400, -1131, 'recvWindow must be less than 60000'),
} as const;
