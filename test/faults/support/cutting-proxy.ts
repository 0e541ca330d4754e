import { createServer, Server, Socket } from 'node:net';

/** Bytes of a message's content that pass before a planned cut. */
const CONTENT_BEFORE_CUT = 64;

/**
 * A TCP proxy in front of an SMTP server that can reset the connection in
 * the middle of a message: after the client's DATA, once some of the content
 * has passed, both sides get a TCP reset, as when a network path breaks.
 */
export class CuttingProxy {
  /** Connections cut so far. */
  cuts = 0;
  private planned = 0;
  private readonly sockets = new Set<Socket>();

  private constructor(
    private readonly server: Server,
    private readonly target: number,
  ) {}

  static async start(targetPort: number): Promise<CuttingProxy> {
    const server = createServer();
    const proxy = new CuttingProxy(server, targetPort);
    server.on('connection', (client) => proxy.connect(client));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return proxy;
  }

  get url(): string {
    return `smtp://127.0.0.1:${(this.server.address() as { port: number }).port}`;
  }

  /** The next `count` messages are cut off mid-content. */
  cutNext(count: number): void {
    this.planned += count;
  }

  async stop(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise((resolve) => this.server.close(resolve));
  }

  private connect(client: Socket): void {
    const upstream = new Socket();
    upstream.connect(this.target, '127.0.0.1');
    for (const socket of [client, upstream]) {
      this.sockets.add(socket);
      socket.on('error', () => undefined);
      socket.on('close', () => this.sockets.delete(socket));
    }
    upstream.pipe(client);
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());

    let inContent = false;
    let contentBytes = 0;
    client.on('data', (chunk: Buffer) => {
      if (!inContent) {
        upstream.write(chunk);
        inContent = /(^|\r\n)DATA\r\n$/i.test(chunk.toString('latin1'));
        contentBytes = 0;
        return;
      }
      contentBytes += chunk.length;
      if (this.planned > 0 && contentBytes > CONTENT_BEFORE_CUT) {
        this.planned -= 1;
        this.cuts += 1;
        upstream.write(chunk.subarray(0, CONTENT_BEFORE_CUT));
        client.resetAndDestroy();
        upstream.resetAndDestroy();
        return;
      }
      upstream.write(chunk);
      // The content ends with <CRLF>.<CRLF>; what follows is the next command.
      if (chunk.toString('latin1').endsWith('\r\n.\r\n')) inContent = false;
    });
  }
}
