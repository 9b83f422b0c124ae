/** The shared-document layer: how a negotiation is laid out in a Y.Doc (see README.md). */
export * from './schema.ts';
export * from './table-doc.ts';
export * from './rich-clause.ts';
export * from './demo.ts';
export * from './formal.ts';
export * from './comments.ts';
export * from './replay.ts';
