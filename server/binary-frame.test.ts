import { describe, expect, it } from 'vitest';
import { WebSocket, WebSocketServer, type RawData } from 'ws';
import { binaryFrame } from './rooms.ts';

describe('frames built once for a room’s fan-out', () => {
	it('[Y1] reach a stock ws client as the same binary messages, across every header length', async () => {
		// Payload lengths at the edges of the three length encodings: 7 bits (≤ 125), 16 bits
		// (126 … 65,535) and 64 bits (≥ 65,536).
		const sizes = [0, 1, 125, 126, 127, 65_535, 65_536, 70_000];
		const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
		await new Promise((r) => wss.once('listening', r));
		wss.on('connection', (ws) => {
			const socket = (ws as unknown as { _socket: { write(b: Buffer): void } })._socket;
			for (const n of sizes) socket.write(binaryFrame(new Uint8Array(n).fill(n % 251)));
		});
		const { port } = wss.address() as { port: number };
		const client = new WebSocket(`ws://127.0.0.1:${port}`);
		const got: { length: number; binary: boolean; intact: boolean }[] = [];
		await new Promise<void>((resolve, reject) => {
			client.on('message', (data: RawData, binary) => {
				const bytes = data as Buffer;
				got.push({
					length: bytes.length,
					binary,
					intact: bytes.every((b) => b === bytes.length % 251)
				});
				if (got.length === sizes.length) resolve();
			});
			client.on('error', reject);
		});
		client.close();
		wss.close();
		expect(got).toEqual(sizes.map((length) => ({ length, binary: true, intact: true })));
	});
});
