/**
 * Terminal tables for `xs`: columns padded by display width (string-width: CJK and full-width
 * characters take two columns), so Chinese names line up; and the CLI's locale for headers.
 */
import stringWidth from 'string-width';

export type CliLocale = 'zh' | 'en';

/** `XS_LOCALE=en` prints English headers; anything else (the default) Chinese, as the app. */
export function cliLocale(env: NodeJS.ProcessEnv = process.env): CliLocale {
	return /^en/i.test(env.XS_LOCALE ?? '') ? 'en' : 'zh';
}

export const displayWidth = (s: string): number => stringWidth(s);

/** Pads `s` to `w` columns, on the left for numbers. */
export function pad(s: string, w: number, right = false): string {
	const fill = ' '.repeat(Math.max(0, w - stringWidth(s)));
	return right ? fill + s : s + fill;
}

/** A header row, a rule and the rows, each column as wide as its widest cell. */
export function renderTable(
	head: string[],
	rows: string[][],
	numeric: boolean[],
	indent = ''
): string[] {
	const widths = head.map((h, i) =>
		Math.max(stringWidth(h), ...rows.map((r) => stringWidth(r[i] ?? '')))
	);
	const line = (r: string[]) =>
		indent +
		r
			.map((c, i) => pad(c, widths[i] ?? 0, numeric[i]))
			.join('  ')
			.trimEnd();
	return [line(head), indent + widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)];
}
