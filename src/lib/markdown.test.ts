import { describe, expect, it } from 'vitest';
import { escapeHtml, renderMarkdown } from './markdown.ts';

describe('renderMarkdown', () => {
	it('escapes HTML in every kind of block', () => {
		const out = renderMarkdown(
			'# <b>x</b>\n\n<script>alert(1)</script> & "q"\n\n- <img src=x onerror=y>'
		);
		expect(out).not.toMatch(/<script|<img|<b>/);
		expect(out).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;q&quot;');
		expect(out).toContain('<li>&lt;img src=x onerror=y&gt;</li>');
		expect(out).toContain('&lt;b&gt;x&lt;/b&gt;');
	});

	it('renders paragraphs, joining CJK lines without a space and Latin lines with one', () => {
		expect(renderMarkdown('钱塘公司\n是一家企业。\n\nhello\nworld')).toBe(
			'<p>钱塘公司是一家企业。</p>\n<p>hello world</p>'
		);
	});

	it('renders headings below the page headings, and lists', () => {
		expect(renderMarkdown('## 背景\n- 一\n- 二\n\n1. a\n2) b')).toBe(
			'<h4>背景</h4>\n<ul><li>一</li><li>二</li></ul>\n<ol><li>a</li><li>b</li></ol>'
		);
	});

	it('renders bold inside escaped text only', () => {
		expect(renderMarkdown('**重点** <i>')).toBe('<p><strong>重点</strong> &lt;i&gt;</p>');
	});

	it('escapes quotes and ampersands', () => {
		expect(escapeHtml(`a&b<c>"d"'e'`)).toBe('a&amp;b&lt;c&gt;&quot;d&quot;&#39;e&#39;');
	});
});
