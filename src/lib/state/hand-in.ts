/**
 * Handing in a result: the attempt record as a file or as text, for the lead's board. Both work
 * offline: the file is made in the page (a Blob) and the text goes to the clipboard.
 */
import type { Attempt } from '$lib/engine/attempt.ts';

/** A file-name-safe slug: letters, digits and dashes only (names can hold anything). */
function slug(text: string): string {
	const s = text
		.normalize('NFKD')
		.replace(/[\u0300-\u036f]/g, '')
		.toLowerCase()
		.replace(/[^a-z0-9]+/g, '-')
		.replace(/^-+|-+$/g, '')
		.slice(0, 40);
	return s || 'trainee';
}

/**
 * The result file's name: `nightshift-<scenario>-<trainee>-<date>.json`.
 * @returns a name with no path separators or markup, whatever the trainee's name holds
 */
export function resultFileName(attempt: Attempt): string {
	const date = (attempt.finishedAt ?? attempt.startedAt).slice(0, 10);
	return `nightshift-${slug(attempt.scenario.id)}-${slug(attempt.trainee)}-${date}.json`;
}

/** The result as text: the engine's versioned attempt record, as JSON. */
export function resultText(attempt: Attempt): string {
	return JSON.stringify(attempt, null, 1) + '\n';
}

/** Downloads text as a file, made in the page (no network). */
export function downloadText(name: string, text: string, type: string): void {
	const url = URL.createObjectURL(new Blob([text], { type }));
	const a = document.createElement('a');
	a.href = url;
	a.download = name;
	document.body.append(a);
	a.click();
	a.remove();
	setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/**
 * Copies text to the clipboard; where the Clipboard API is missing or refused (an insecure
 * origin on a local network, an older tablet) it falls back to a hidden textarea.
 * @returns true when the text was copied
 */
export async function copyText(text: string): Promise<boolean> {
	try {
		if (navigator.clipboard?.writeText) {
			await navigator.clipboard.writeText(text);
			return true;
		}
	} catch {
		// refused: try the old way below
	}
	const area = document.createElement('textarea');
	area.value = text;
	area.setAttribute('readonly', '');
	area.style.position = 'fixed';
	area.style.opacity = '0';
	document.body.append(area);
	area.select();
	let ok = false;
	try {
		ok = document.execCommand('copy');
	} catch {
		ok = false;
	}
	area.remove();
	return ok;
}
