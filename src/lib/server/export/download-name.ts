/**
 * File names for downloads: they carry the event's (and match's) name so a folder of exports
 * reads as a list of events, not of ids. Chinese names go in RFC 5987's `filename*`; `filename`
 * keeps an ASCII fallback for clients that read only that.
 */

/** Characters no file system takes, control and bidirectional-override characters, trimmed. */
export function fileNamePart(text: string, max = 60): string {
	const clean = text
		// eslint-disable-next-line no-control-regex -- control characters are what a file name must not carry
		.replace(/[\\/:*?"<>|\u0000-\u001f\u007f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, ' ')
		.replace(/\s+/g, ' ')
		.trim();
	return [...clean].slice(0, max).join('') || '协商';
}

/** `第1轮第2桌`: a match as organizers call it. */
export const matchNamePart = (m: { roundNumber: number; tableNo: number }) =>
	`第${m.roundNumber}轮第${m.tableNo}桌`;

/**
 * A Content-Disposition value for `name` (its parts joined by `-`), e.g.
 * `attachment; filename="standings.xlsx"; filename*=UTF-8''%E6%9D%AD…-%E6%88%90%E7%BB%A9.xlsx`.
 */
export function attachment(
	parts: readonly string[],
	extension: string,
	asciiFallback: string
): string {
	const name = `${parts.map((p) => fileNamePart(p)).join('-')}.${extension}`;
	const encoded = encodeURIComponent(name).replace(
		/['()*]/g,
		(c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`
	);
	return `attachment; filename="${asciiFallback}.${extension}"; filename*=UTF-8''${encoded}`;
}
