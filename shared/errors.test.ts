import { describe, expect, it } from 'vitest'
import {
  CATALOGUE,
  FINAL_CLOSE_CODES,
  RESYNC_CLOSE_CODE,
  closeCodeOf,
  codeOfClose,
  invalidField,
  statusOf,
  type ErrorCode,
} from './index.js'

describe('invalidField', () => {
  it('names the field, what is allowed and the value', () => {
    expect(invalidField('count', 0, 'a whole number from 1 to 15')).toEqual({
      code: 'INVALID_ARGUMENT',
      field: 'count',
      value: 0,
      allowed: 'a whole number from 1 to 15',
      message: 'count must be a whole number from 1 to 15, got 0',
    })
  })

  it('shows the length of a text value and cuts a long one short', () => {
    const { message } = invalidField('name', 'x'.repeat(70), '1-64 characters')
    const shown = `"${'x'.repeat(40)}..." (70 characters)`
    expect(message).toBe(`name must be 1-64 characters, got ${shown}`)
  })

  it('shows numbers that JSON cannot, as they are', () => {
    expect(invalidField('seconds', Number.NaN, 'a number').message).toMatch(/got NaN$/)
    expect(invalidField('seconds', -Infinity, 'a number').message).toMatch(/got -Infinity$/)
  })

  it('says when no value was given', () => {
    expect(invalidField('mode', undefined, 'one of auto').message).toMatch(/got nothing$/)
  })
})

describe('the catalogue', () => {
  const codes = Object.keys(CATALOGUE) as ErrorCode[]

  it('gives every code an HTTP error status and a private or standard close code', () => {
    for (const code of codes) {
      expect(statusOf(code), code).toBeGreaterThanOrEqual(400)
      const close = closeCodeOf(code)
      expect(close === 1011 || (close >= 4000 && close <= 4999), code).toBe(true)
    }
  })

  it('reads a close code back to a code that carries it', () => {
    for (const code of codes) expect(closeCodeOf(codeOfClose(closeCodeOf(code)) as ErrorCode))
      .toBe(closeCodeOf(code))
    expect(codeOfClose(1000)).toBeUndefined()
  })

  it('does not count the resync close code as final', () => {
    expect(FINAL_CLOSE_CODES.has(RESYNC_CLOSE_CODE)).toBe(false)
    expect(FINAL_CLOSE_CODES.has(closeCodeOf('TOKEN_EXPIRED'))).toBe(true)
  })
})
