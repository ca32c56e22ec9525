/** The exchange's own end date for the key: red within a week (or past), amber within the reminders' 14 days. */
export function expiryTone(expiresInDays: number): 'danger' | 'unknown' | undefined {
  if (expiresInDays <= 7) return 'danger';
  return expiresInDays <= 14 ? 'unknown' : undefined;
}
