/**
 * A scenario shared as a link, with no server: the whole file, compressed (the browser's
 * CompressionStream, deflate-raw) and base64url-encoded, in the URL's fragment, which browsers
 * never send to a server. Opening such a link decompresses it with a cap, so a crafted link
 * can't inflate into gigabytes, and the text then goes through the scenario checker like any
 * other file.
 */
import { MAX_SCENARIO_BYTES } from '$lib/scenario/limits.ts';

/** The fragment's format tag: a later format can be told apart. */
const FORMAT = 's1';
/** A fragment longer than this is refused before it is decoded. */
export const MAX_FRAGMENT_CHARS = 2 * 1024 * 1024;

function toBase64Url(bytes: Uint8Array): string {
	let binary = '';
	for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
	return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): Uint8Array<ArrayBuffer> | null {
	if (!/^[A-Za-z0-9_-]*$/.test(text)) return null;
	try {
		const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
		return Uint8Array.from(binary, (c) => c.charCodeAt(0));
	} catch {
		return null;
	}
}

async function collect(stream: ReadableStream<Uint8Array>, max: number): Promise<Uint8Array | null> {
	const reader = stream.getReader();
	const chunks: Uint8Array[] = [];
	let size = 0;
	for (;;) {
		const { done, value } = await reader.read();
		if (done) break;
		size += value.length;
		if (size > max) {
			await reader.cancel();
			return null;
		}
		chunks.push(value);
	}
	const out = new Uint8Array(size);
	let at = 0;
	for (const c of chunks) {
		out.set(c, at);
		at += c.length;
	}
	return out;
}

/**
 * The fragment that carries a scenario file: `file=<name>&scenario=s1.<compressed text>`.
 * @param text the file's contents
 * @param fileName its name, shown to whoever opens the link
 */
export async function scenarioFragment(text: string, fileName: string): Promise<string> {
	const input = new Blob([new TextEncoder().encode(text)]).stream().pipeThrough(new CompressionStream('deflate-raw'));
	const packed = (await collect(input, Infinity))!;
	return new URLSearchParams({ file: fileName, scenario: `${FORMAT}.${toBase64Url(packed)}` }).toString();
}

export type SharedScenario = { ok: true; text: string; fileName: string } | { ok: false; reason: string };

/**
 * Reads the scenario a link's fragment carries (without the leading `#`).
 * @returns the file's text and name, or why the link can't be read
 */
export async function readScenarioFragment(fragment: string): Promise<SharedScenario> {
	if (fragment.length > MAX_FRAGMENT_CHARS) return { ok: false, reason: 'the link is too long to be a scenario' };
	const params = new URLSearchParams(fragment);
	const packed = params.get('scenario');
	if (!packed) return { ok: false, reason: 'the link carries no scenario' };
	const fileName = (params.get('file') ?? 'shared.yaml').slice(0, 120) || 'shared.yaml';
	const [format, data] = packed.split('.', 2);
	if (format !== FORMAT || data === undefined)
		return { ok: false, reason: 'the link carries a scenario in a format this version does not read' };
	const bytes = fromBase64Url(data);
	if (!bytes) return { ok: false, reason: 'the link is damaged (it is not base64url)' };
	let raw: Uint8Array | null;
	try {
		raw = await collect(
			new Blob([bytes]).stream().pipeThrough(new DecompressionStream('deflate-raw')),
			MAX_SCENARIO_BYTES * 4
		);
	} catch {
		return { ok: false, reason: 'the link is damaged (it does not decompress)' };
	}
	if (!raw)
		return {
			ok: false,
			reason: `the scenario in the link is larger than a scenario file may be (${MAX_SCENARIO_BYTES} characters)`
		};
	let text: string;
	try {
		text = new TextDecoder('utf-8', { fatal: true }).decode(raw);
	} catch {
		return { ok: false, reason: 'the scenario in the link is not UTF-8 text' };
	}
	return { ok: true, text, fileName };
}
