// Error codes: what services return when they refuse (`{ ok: false, code, ...data }`), and the one table that
// turns a code into an HTTP status at the edge. Words come later, in the viewer's language (shopper-i18n.ts,
// app/locales/): a service never chooses a status or a sentence.

/** Every error code the app answers with, and its HTTP status. */
export const ERROR_STATUS = {
  invalid_request: 400,
  invalid_shop: 400,
  invalid_customer: 400,
  customer_invalid: 400,
  missing_signature: 401,
  invalid_signature: 401,
  stale_request: 401,
  unknown_shop: 401,
  not_signed_in: 401,
  action_not_claimable: 403,
  unauthenticated: 401,
  staff_not_permitted: 403,
  tier_required: 403,
  unknown_tier: 422,
  not_found: 404,
  reward_not_found: 404,
  method_not_allowed: 405,
  limit_reached: 409,
  idempotency_conflict: 409,
  already_used: 409,
  not_cancellable: 409,
  reward_pending: 409,
  birthday_locked: 409,
  not_returnable: 409,
  confirmation_needed: 409,
  body_too_large: 413,
  insufficient_points: 422,
  reward_unavailable: 422,
  action_unavailable: 422,
  challenge_incomplete: 422,
  self_referral: 409,
  already_customer: 409,
  customer_exists: 409,
  already_referred: 409,
  suspicious: 409,
  not_reviewable: 409,
  invalid_code: 422,
  disposable_email: 422,
  referrals_off: 422,
  rate_limited: 429,
  reward_failed: 502,
  shopify_unavailable: 503,
} as const satisfies Record<string, number>;

export type ErrorCode = keyof typeof ERROR_STATUS;

/** A refusal from a service: the code, plus whatever data the viewer's message may need (e.g. `needed`). */
export type Failure<C extends ErrorCode = ErrorCode> = { ok: false; code: C } & Record<string, unknown>;

/** A failure with its data. */
export function failure<C extends ErrorCode>(code: C, data: Record<string, unknown> = {}): Failure<C> {
  return { ...data, ok: false, code };
}

export function isErrorCode(code: string): code is ErrorCode {
  return Object.hasOwn(ERROR_STATUS, code);
}

/** The HTTP status for an error code (an unknown code is a 400: the request was refused, not the server broken). */
export function statusFor(code: string): number {
  return isErrorCode(code) ? ERROR_STATUS[code] : 400;
}
