/**
 * The live preview on loopback: serves the last good paginated pages and their files, and tells open pages to
 * reload (server-sent events) when a rebuild finished, or shows them the error when it failed.
 */
import { readFileSync } from 'node:fs';
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Asset } from '../IssueDocument.js';
import { pageScriptFile } from '../chromium/callPage.js';

export interface PreviewPages {
  html: string;
  assets: Map<string, Asset>;
}

const clientScript = readFileSync(pageScriptFile('preview'));

export class PreviewServer {
  private pages: PreviewPages = { html: '<!doctype html><p>building…</p>', assets: new Map() };
  private readonly clients = new Set<ServerResponse>();
  private readonly server: Server = createServer((request, response) => {
    const path = decodeURIComponent(new URL(request.url ?? '/', 'http://localhost').pathname).slice(1);
    if (path === 'events') return this.subscribe(response);
    if (path === '' || path === 'index.html') return void response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(this.pages.html);
    if (path === 'preview-client.js') return void response.writeHead(200, { 'content-type': 'text/javascript' }).end(clientScript);
    const asset = this.pages.assets.get(path);
    if (asset) return void response.writeHead(200, { 'content-type': asset.contentType }).end(asset.body);
    response.writeHead(404).end();
  });

  /** Listens on 127.0.0.1 only: the preview is for the editor's own machine. Returns the URL. */
  async listen(port: number): Promise<string> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, '127.0.0.1', resolve);
    });
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/`;
  }

  show(pages: PreviewPages): void {
    this.pages = pages;
    this.send('reload', '');
  }

  showError(message: string): void {
    this.send('failure', message);
  }

  async close(): Promise<void> {
    for (const client of this.clients) client.end();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private subscribe(response: ServerResponse): void {
    response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' });
    response.write(': connected\n\n');
    this.clients.add(response);
    response.on('close', () => this.clients.delete(response));
  }

  private send(event: string, data: string): void {
    const payload = `event: ${event}\n${data
      .split('\n')
      .map((line) => `data: ${line}`)
      .join('\n')}\n\n`;
    for (const client of this.clients) client.write(payload);
  }
}
