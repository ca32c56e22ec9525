import type { ESLint, Linter } from 'eslint';

/** Which layers inside core/ each layer may import; see eslint.config.js. */
export declare const coreLayerImports: Readonly<Record<string, readonly string[]>>;
/** The repository's own lint rules (the core layer matrix). */
export declare const ballastPlugin: ESLint.Plugin;
declare const config: Linter.Config[];
export default config;
