/** The OpenAI-compatible client against a local SSE server: first token and abort-to-close. */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { OpenAiChatModel } from '../electron/engine/llm/openai-chat.js';
import { median, percentile, type Figure } from './providers-stats.js';

export async function benchOpenAiClient(runs: number): Promise<Figure[]> {
  let closedAt = 0;
  const server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      let i = 0;
      const timer = setInterval(() => {
        res.write(`data: ${JSON.stringify({ choices: [{ delta: { content: ` w${i++}` }, finish_reason: null }] })}\n\n`);
      }, 10);
      res.on('close', () => {
        clearInterval(timer);
        closedAt = performance.now();
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const model = new OpenAiChatModel({ baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`, model: 'bench' });

  const firstMs: number[] = [];
  const abortToReturnMs: number[] = [];
  const abortToServerCloseMs: number[] = [];
  for (let i = 0; i < runs; i++) {
    const controller = new AbortController();
    const start = performance.now();
    let abortedAt = 0;
    let n = 0;
    closedAt = 0;
    for await (const _ of model.stream([{ role: 'user', content: 'hi' }], { signal: controller.signal })) {
      void _;
      if (n++ === 0) firstMs.push(performance.now() - start);
      if (n === 3) {
        abortedAt = performance.now();
        controller.abort();
      }
    }
    abortToReturnMs.push(performance.now() - abortedAt);
    while (closedAt === 0) await new Promise((r) => setTimeout(r, 1));
    abortToServerCloseMs.push(closedAt - abortedAt);
  }
  server.closeAllConnections();
  server.close();
  const fig = (name: string, xs: number[], note?: string): Figure => ({ name, value: median(xs), p95: percentile(xs, 95), unit: 'ms', runs: xs.length, note });
  return [
    fig('OpenAI-compatible client first token (local SSE)', firstMs, 'request to first delta; server answers at once'),
    fig('OpenAI-compatible client abort to stop', abortToReturnMs, 'abort() to the iterator ending'),
    fig('OpenAI-compatible abort to server seeing close', abortToServerCloseMs, 'the server stops generating'),
  ];
}
