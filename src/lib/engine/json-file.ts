/**
 * Reading a JSON file a person hands in (a result file, a backup): refused unread when too
 * large, refused when it isn't JSON or lacks the expected `format` tag, with a reason to show.
 */
import type { z } from 'zod';

export type JsonFile = { ok: true; data: object } | { ok: false; reason: string };

/**
 * @param text the file's contents
 * @param maxBytes the largest file accepted
 * @param format the value its `format` field must have
 * @param notIt the reason given when the tag is missing or different
 */
export function readJsonFile(text: string, maxBytes: number, format: string, notIt: string): JsonFile {
	if (text.length > maxBytes) return { ok: false, reason: tooLarge(maxBytes) };
	let data: unknown;
	try {
		data = JSON.parse(text);
	} catch {
		return { ok: false, reason: 'the file is not JSON' };
	}
	if (typeof data !== 'object' || data === null || (data as { format?: unknown }).format !== format)
		return { ok: false, reason: notIt };
	return { ok: true, data };
}

/** Why a file over the size limit is refused (also before reading it, from its size). */
export function tooLarge(maxBytes: number): string {
	const size = maxBytes >= 1024 * 1024 ? `${maxBytes / 1024 / 1024} MiB` : `${maxBytes / 1024} KiB`;
	return `the file is larger than ${size}`;
}

/** A zod error's first problem as `path: message` (the path left out when there is none). */
export function firstIssue(error: z.ZodError): string {
	const first = error.issues[0]!;
	const path = first.path.map(String).join('.');
	return `${path ? `${path}: ` : ''}${first.message}`;
}
