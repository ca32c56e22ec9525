import type { Journal } from '../../../../core/journal/index.ts';
import type { Candle, Timeframe } from '../../../../core/market/index.ts';
import {
  DEFAULT_RISK_LIMITS,
  DEFAULT_TRIGGER_SETTINGS,
  createEquityWatermarks,
  createRiskMonitor,
  createTradingStateMachine,
  type EquityWatermarks,
  type RiskLimits,
  type RiskMonitor,
  type TradingStateMachine,
  type TriggerSettings,
} from '../../../../core/risk/index.ts';
import { stateChanges, tempJournal, type TempJournal } from './tempJournal.ts';

/**
 * The risk layer as the runtime composes it — state machine, equity watermarks and trigger
 * monitor over one journal file — with a restart that closes the file and builds everything
 * again from it.
 */
export class RiskRig {
  readonly file: TempJournal;
  readonly limits: RiskLimits;
  readonly settings: TriggerSettings;
  nowMs: number;
  readonly candlesBefore: ((symbol: string, timeframe: Timeframe, openTimeMs: number) => Iterable<Candle>) | undefined;
  journal!: Journal;
  machine!: TradingStateMachine;
  watermarks!: EquityWatermarks;
  monitor!: RiskMonitor;

  constructor(options: { limits?: Partial<RiskLimits>; settings?: Partial<TriggerSettings>; startMs?: number; candlesBefore?: RiskRig['candlesBefore'] } = {}) {
    this.file = tempJournal();
    this.limits = { ...DEFAULT_RISK_LIMITS, ...options.limits };
    this.settings = { ...DEFAULT_TRIGGER_SETTINGS, ...options.settings };
    this.nowMs = options.startMs ?? 0;
    this.candlesBefore = options.candlesBefore;
    this.#build();
  }

  #build(): void {
    this.journal = this.file.open();
    this.machine = createTradingStateMachine({ nowMs: () => this.nowMs, journal: this.journal });
    this.watermarks = createEquityWatermarks({ timeZone: () => this.limits.dayBoundaryTimeZone, journal: this.journal });
    this.monitor = createRiskMonitor({ machine: this.machine, watermarks: this.watermarks, limits: () => this.limits, settings: () => this.settings, candlesBefore: this.candlesBefore });
  }

  restart(): void {
    this.journal.close();
    this.#build();
  }

  activeTriggerIds(): string[] {
    return this.machine.status().activeTriggers.map((trigger) => trigger.triggerId);
  }

  /** The state_change rows where a trigger tripped, oldest first. */
  trips(): Array<Record<string, unknown>> {
    return stateChanges(this.journal).filter((change) => change.transition === 'trigger_tripped');
  }

  dispose(): void {
    if (this.journal.isOpen) this.journal.close();
    this.file.remove();
  }
}
