/**
 * A scenario's content hash: SHA-256 of its text (UTF-8), in hex. It names an imported
 * scenario exactly (team drill links, result files, the board), whatever its id and version say.
 */

/** The hex SHA-256 of a text (the browser's and node's Web Crypto). */
export async function contentHash(text: string): Promise<string> {
	const digest = await globalThis.crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
	return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** A hash as people read it: its first 12 hex digits. */
export const shortHash = (hash: string) => hash.slice(0, 12);

/** Whether a string is a content hash (64 lower-case hex digits). */
export const isContentHash = (value: unknown): value is string =>
	typeof value === 'string' && /^[0-9a-f]{64}$/.test(value);
