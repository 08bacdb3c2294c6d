/** A client's request budget: it holds up to a burst of tokens and refills at a steady rate. */
export interface TokenBucket {
  tokens: number;
  at: number;
}

/**
 * Refills `bucket` (absent: a new, full one) up to `burst` at `perSecond` since it was last
 * used, then takes one token if there is one. Returns the bucket to keep and whether a token
 * was taken.
 */
export function takeToken(
  bucket: TokenBucket | undefined,
  limits: { burst: number; perSecond: number },
  now: number,
): { bucket: TokenBucket; taken: boolean } {
  const tokens = bucket
    ? Math.min(limits.burst, bucket.tokens + ((now - bucket.at) / 1000) * limits.perSecond)
    : limits.burst;
  const taken = tokens >= 1;
  return { bucket: { tokens: taken ? tokens - 1 : tokens, at: now }, taken };
}
