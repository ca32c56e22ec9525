import type { BallastApi } from '../../core/contract/index.ts';

// The page global that specs and benchmarks call through page.evaluate (declared for the
// renderer in renderer/src/ballast.ts; repeated here because tests are type-checked apart).
declare global {
  interface Window {
    readonly ballast: BallastApi;
  }
}
