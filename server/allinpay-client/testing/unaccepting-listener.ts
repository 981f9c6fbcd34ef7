import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';

/**
 * A TCP port whose accept queue is full: a child process listens with backlog 1 and then blocks
 * its event loop, so it never accepts; we fill the queue, after which the kernel drops new SYNs
 * and a connect to the port hangs. This makes a real connect timeout on loopback.
 */
export interface UnacceptingListener {
  port: number;
  close(): void;
}

const CHILD = `
const net = require('net');
const server = net.createServer().listen({ port: 0, host: '127.0.0.1', backlog: 1 }, () => {
  process.stdout.write(server.address().port + '\\n');
  setTimeout(() => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0), 10);
});`;

function connectWithin(
  port: number,
  ms: number,
): Promise<{ socket: net.Socket; connected: boolean }> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.on('error', () => undefined);
    const timer = setTimeout(() => resolve({ socket, connected: false }), ms);
    socket.once('connect', () => {
      clearTimeout(timer);
      resolve({ socket, connected: true });
    });
  });
}

export async function startUnacceptingListener(): Promise<UnacceptingListener> {
  const child: ChildProcess = spawn(process.execPath, ['-e', CHILD], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const port = await new Promise<number>((resolve, reject) => {
    child.once('error', reject);
    child.stdout?.once('data', (data: Buffer) => resolve(Number(String(data).trim())));
  });
  // Give the child time to block its event loop, so that it accepts nothing from now on.
  await new Promise((resolve) => setTimeout(resolve, 50));
  const fillers: net.Socket[] = [];
  for (let i = 0; i < 16; i++) {
    const { socket, connected } = await connectWithin(port, 300);
    fillers.push(socket);
    if (!connected) break;
  }
  return {
    port,
    close() {
      for (const socket of fillers) socket.destroy();
      child.kill('SIGKILL');
    },
  };
}
