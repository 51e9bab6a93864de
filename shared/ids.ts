const ALPHABET = '0123456789abcdefghijklmnopqrstuvwxyz'

/**
 * A random id for a room or a session. Random rather than counted, so that two
 * moderators adding a room at the same moment get two rooms. 16 characters of
 * base 36 give about 82 bits; `getRandomValues` works outside secure contexts,
 * where `randomUUID` does not.
 */
export function randomId(length = 16): string {
  const bytes = new Uint8Array(length)
  crypto.getRandomValues(bytes)
  let id = ''
  for (const byte of bytes) id += ALPHABET[byte % ALPHABET.length]
  return id
}
