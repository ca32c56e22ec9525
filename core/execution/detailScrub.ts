const SECRET_LIKE = /((?:signature|api[-_]?key|secret|passphrase|x-mbx-apikey)["']?\s*[=:]\s*["']?)[^&\s"',}]+/gi;

/** Adapters should never put credentials in an error detail; this is the second line of defence. */
export function scrubDetail(detail: string): string {
  return detail.replace(SECRET_LIKE, '$1[redacted]').slice(0, 500);
}
