import type { BallastApi } from '#core/contract/index.ts';

declare global {
  interface Window {
    /** Provided by the preload (or the E2E harness), generated from core/contract. */
    readonly ballast: BallastApi;
  }
}

/** The only way the renderer talks to main. */
export const ballast = (): BallastApi => window.ballast;
