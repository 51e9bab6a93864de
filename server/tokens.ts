/**
 * Session tokens: `base64url(JSON claims) "." base64url(HMAC-SHA256)`.
 *
 * Deliberately smaller than a JWT: one algorithm, no header to negotiate, so
 * there is no "alg: none" to get wrong. Clients may read the claims (their own
 * name and role) without the secret; only the server can make or check one.
 */
import { createHmac, timingSafeEqual } from 'node:crypto'
import {
  breakoutError,
  checkId,
  checkPersonName,
  checkRole,
  fail,
  ok,
  type Result,
  type TokenClaims,
} from '../shared/index.js'

export function signToken(claims: TokenClaims, secret: string): string {
  const body = Buffer.from(JSON.stringify(claims)).toString('base64url')
  return `${body}.${mac(body, secret)}`
}

/** Checks a token's signature and expiry; `now` in ms. */
export function verifyToken(token: unknown, secret: string, now: number): Result<TokenClaims> {
  if (typeof token !== 'string' || token === '') {
    return fail(breakoutError('TOKEN_MISSING', 'a token is required'))
  }
  const [body, signature, extra] = token.split('.')
  if (!body || !signature || extra !== undefined) return fail(invalid('it is not two parts'))
  const expected = Buffer.from(mac(body, secret))
  const given = Buffer.from(signature)
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) {
    return fail(invalid('its signature does not match'))
  }

  const claims = parseClaims(body)
  if (!claims) return fail(invalid('its claims are malformed'))
  if (claims.exp * 1000 <= now) {
    return fail(breakoutError('TOKEN_EXPIRED',
      `the token expired at ${new Date(claims.exp * 1000).toISOString()}`,
      { field: 'token', value: claims.exp, allowed: 'an expiry in the future' }))
  }
  return ok(claims)
}

function parseClaims(body: string): TokenClaims | null {
  let claims: unknown
  try {
    claims = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'))
  } catch {
    return null
  }
  if (typeof claims !== 'object' || claims === null) return null
  const { sid, sub, name, role, iat, exp } = claims as Record<string, unknown>
  const wellFormed = checkId(sid, 'sid') === null && checkId(sub, 'sub') === null &&
    checkPersonName(name) === null && checkRole(role) === null &&
    typeof iat === 'number' && typeof exp === 'number'
  return wellFormed ? (claims as TokenClaims) : null
}

function mac(body: string, secret: string): string {
  return createHmac('sha256', secret).update(body).digest('base64url')
}

function invalid(why: string) {
  return breakoutError('TOKEN_INVALID', `the token is not valid: ${why}`, { field: 'token' })
}
