/**
 * Assertions on the model's `Result` values. Each narrows the result, so a
 * test reads the value or the error without a cast.
 */
import { expect } from 'vitest'
import type * as Y from 'yjs'
import type { BreakoutError, ErrorCode, Result } from '../../shared/index.js'
import { stateOf, updatesDuring } from './replicas.js'

export function expectOk<T>(result: Result<T>): T {
  if (!result.ok) {
    expect.fail(`expected success, got ${result.error.code}: ${result.error.message}`)
  }
  return result.value
}

export interface ExpectedError {
  code: ErrorCode
  field: string
  /** Text the message must show for the offending value. */
  shows: string
}

/**
 * Checks that the result failed and that its error names the field, the value
 * and what is allowed, in its fields and in its message alike.
 */
export function expectError<T>(result: Result<T>, expected: ExpectedError): BreakoutError {
  if (result.ok) return expect.fail(`expected ${expected.code}, got success`)
  const { error } = result
  expect(error.code).toBe(expected.code)
  expect(error.field).toBe(expected.field)
  expect(error.allowed).toEqual(expect.any(String))
  expect(error.message).toContain(expected.field)
  expect(error.message).toContain(error.allowed)
  expect(error.message).toContain(expected.shows)
  return error
}

/**
 * Runs an operation that must refuse: it may not emit an update nor change
 * the document in any way. Returns what the operation returned.
 */
export function leavesUnchanged<T>(doc: Y.Doc, run: () => T): T {
  const before = stateOf(doc)
  let result: T | undefined
  expect(updatesDuring(doc, () => (result = run()))).toBe(0)
  expect(stateOf(doc)).toEqual(before)
  return result as T
}
