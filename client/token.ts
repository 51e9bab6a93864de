/**
 * Reading a session token in the browser.
 *
 * A token is `<base64url(JSON TokenClaims)>.<signature>`. Only the server can
 * check the signature; the browser reads the claims to know who it is, which
 * session the token opens and whether it has expired. Nothing here is trusted
 * for authority: the server decides what a token may do.
 */
import { ROLES, type Role, type TokenClaims } from '../shared/index.js'

/** The claims of a token, or null when its first part is not readable claims. */
export function decodeToken(token: string): TokenClaims | null {
  const [payload] = token.trim().split('.')
  if (!payload) return null
  let claims: unknown
  try {
    claims = JSON.parse(decodeBase64Url(payload))
  } catch {
    return null
  }
  return isClaims(claims) ? claims : null
}

/** Whether the token's `exp` has passed at `nowMs` (the caller's best clock). */
export function isExpired(claims: TokenClaims, nowMs: number): boolean {
  return claims.exp * 1000 <= nowMs
}

function decodeBase64Url(text: string): string {
  const base64 = text.replace(/-/g, '+').replace(/_/g, '/')
  const padded = base64 + '='.repeat((4 - (base64.length % 4)) % 4)
  const bytes = Uint8Array.from(atob(padded), (char) => char.charCodeAt(0))
  return new TextDecoder().decode(bytes)
}

function isClaims(value: unknown): value is TokenClaims {
  if (typeof value !== 'object' || value === null) return false
  const { sid, sub, name, role, exp } = value as Record<string, unknown>
  return typeof sid === 'string' && sid.length > 0 &&
    typeof sub === 'string' && sub.length > 0 &&
    typeof name === 'string' &&
    (ROLES as readonly unknown[]).includes(role as Role) &&
    typeof exp === 'number'
}
