/**
 * A deliberately small markdown renderer for scenario backgrounds: headings (#…######),
 * paragraphs (lines joined; CJK lines join without a space), bullet and numbered lists, and
 * **bold**. Everything else is text. All text is HTML-escaped first, so the output is safe for
 * `{@html}` whatever an author writes.
 */

export function escapeHtml(s: string): string {
	return s.replace(
		/[&<>"']/g,
		(c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c
	);
}

/** Escapes, then applies inline **bold**. */
function inline(s: string): string {
	return escapeHtml(s).replace(/\*\*(.+?)\*\*/g, '<strong>$1</strong>');
}

const CJK_END = /[\u3000-\u9fff\uff00-\uffef]$/;
const CJK_START = /^[\u3000-\u9fff\uff00-\uffef]/;

/** Joins wrapped source lines of one paragraph: Chinese text wraps without spaces. */
function joinLines(lines: string[]): string {
	let out = '';
	for (const l of lines) {
		if (out === '') out = l;
		else out += CJK_END.test(out) && CJK_START.test(l) ? l : ` ${l}`;
	}
	return out;
}

export function renderMarkdown(text: string): string {
	const html: string[] = [];
	let para: string[] = [];
	let list: { tag: 'ul' | 'ol'; items: string[] } | null = null;
	const flushPara = () => {
		if (para.length) html.push(`<p>${inline(joinLines(para))}</p>`);
		para = [];
	};
	const flushList = () => {
		if (list)
			html.push(
				`<${list.tag}>${list.items.map((i) => `<li>${inline(i)}</li>`).join('')}</${list.tag}>`
			);
		list = null;
	};
	for (const raw of text.replace(/\r\n?/g, '\n').split('\n')) {
		const line = raw.trim();
		if (line === '') {
			flushPara();
			flushList();
			continue;
		}
		const h = /^(#{1,6})\s+(.*)$/.exec(line);
		if (h) {
			flushPara();
			flushList();
			const level = Math.min(6, (h[1] ?? '#').length + 2); // page headings own h1–h2
			html.push(`<h${Math.min(level, 6)}>${inline(h[2] ?? '')}</h${Math.min(level, 6)}>`);
			continue;
		}
		const li = /^(?:([-*+])|(\d+)[.)])\s+(.*)$/.exec(line);
		if (li) {
			flushPara();
			const tag = li[1] ? 'ul' : 'ol';
			if (!list || list.tag !== tag) {
				flushList();
				list = { tag, items: [] };
			}
			list.items.push(li[3] ?? '');
			continue;
		}
		if (list) {
			// A continuation line of the last item.
			const last = list.items.length - 1;
			list.items[last] = joinLines([list.items[last] ?? '', line]);
			continue;
		}
		para.push(line);
	}
	flushPara();
	flushList();
	return html.join('\n');
}
