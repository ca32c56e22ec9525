import type { SizedOrder, SizedOrderFields } from '../../core/risk/index.ts';

/**
 * An order a test hands to execution as if risk had approved it. Production code cannot do this:
 * only the risk layer brands a SizedOrder; tests of the execution layer stand in for it here.
 */
export const approvedForTest = (fields: SizedOrderFields): SizedOrder => fields as SizedOrder;
