// A minimal HTTP proxy on loopback (CONNECT tunnels and absolute-form requests) that counts
// what passes through it. It refuses any target outside 127.0.0.0/8.
import { createServer, request as httpRequest, type Server } from 'node:http';
import { connect, type AddressInfo, type Socket } from 'node:net';

const isLoopback = (host: string) => host === 'localhost' || /^127\.\d+\.\d+\.\d+$/.test(host) || host === '[::1]';

export class LoopbackProxy {
  readonly seen: string[] = [];
  /** Local ports of the proxy's own connections to targets, to tell proxied requests from direct ones. */
  readonly upstreamPorts = new Set<number>();
  private server: Server | undefined;
  private readonly sockets = new Set<Socket>();

  get url(): string {
    return `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}`;
  }

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      const target = new URL(req.url ?? '');
      if (!isLoopback(target.hostname)) {
        res.writeHead(403).end('loopback only');
        return;
      }
      this.seen.push(`${req.method} ${target.href}`);
      const upstream = httpRequest(target, { method: req.method, headers: req.headers, agent: false }, (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      });
      upstream.on('socket', (socket) => socket.once('connect', () => socket.localPort !== undefined && this.upstreamPorts.add(socket.localPort)));
      upstream.on('error', () => res.destroy());
      req.pipe(upstream);
    });
    this.server.on('connect', (req, client: Socket, head: Buffer) => {
      const [host, port] = (req.url ?? '').split(':');
      if (!host || !isLoopback(host)) {
        client.end('HTTP/1.1 403 Forbidden\r\n\r\n');
        return;
      }
      this.seen.push(`CONNECT ${req.url}`);
      const upstream = connect(Number(port), host, () => {
        if (upstream.localPort !== undefined) this.upstreamPorts.add(upstream.localPort);
        client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
        upstream.write(head);
        upstream.pipe(client);
        client.pipe(upstream);
      });
      this.sockets.add(upstream).add(client);
      upstream.on('error', () => client.destroy());
      client.on('error', () => upstream.destroy());
    });
    this.server.on('connection', (socket) => this.sockets.add(socket));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
  }

  async stop(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }
}
