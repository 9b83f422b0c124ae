import { demoTemplate, DEMO_DOC_NAME } from './demo.ts';
import { encodeTemplate } from './table-doc.ts';

/**
 * Initial content for a document the server is creating (DESIGN: never seeded by a client).
 * Unknown names start empty. Later: match tables from their event's scenario.
 */
export function templateFor(docName: string): Uint8Array | null {
	if (docName === DEMO_DOC_NAME || docName.startsWith('demo/')) return encodeTemplate(demoTemplate);
	return null;
}
