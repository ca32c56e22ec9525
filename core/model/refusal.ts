/** Why something could not be done: plain words for the person and the technical detail beside them. */
export interface Refusal {
  readonly reason: string;
  readonly detail: string;
}
