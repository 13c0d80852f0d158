// The server of the browser tests: `scripts/serve` (build + serve the repository root) on a free
// port, in a process group of its own so that stop() — or this process ending — kills all of it.
//
//   const server = await startServer();   // first build: minutes
//   fetch(server.url); ...
//   await server.stop();
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { constants as osConstants } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root. */
export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The first `scripts/serve` compiles the wasm library: allow it ten minutes. */
export const SERVER_START_TIMEOUT_MS = 10 * 60 * 1000;

/** A port nobody listens on right now: bind port 0 and let the kernel choose. */
export function freePort() {
  return new Promise((ok, fail) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', fail);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => ok(port));
    });
  });
}

/**
 * Follows the output of the server process: keeps its last 60 lines (echoing to stderr, when `log`,
 * all but the access log of successful requests), and returns { tail, serving, exited, exitedP }:
 * `serving` resolves with the URL of its "serving … at http://…" line and rejects if it exits first.
 */
function follow(child, log) {
  const tail = [];
  const state = { tail, exited: null };
  let served;
  state.serving = new Promise((ok, fail) => {
    served = { ok, fail };
  });
  const remember = (line) => {
    if (!line.trim()) return;
    tail.push(line);
    if (tail.length > 60) tail.shift();
    const m = /serving .* at (http:\/\/\S+)/.exec(line);
    if (m) served.ok(m[1]);
    const ok = /"[A-Z]+ \S+ HTTP\/[\d.]+" [23]\d\d /.test(line);
    if (log && !ok) process.stderr.write(`[serve] ${line}\n`);
  };
  for (const stream of [child.stdout, child.stderr]) {
    let partial = ''; // a chunk may end mid-line: whole lines only
    stream.on('data', (chunk) => {
      const lines = (partial + String(chunk)).split('\n');
      partial = lines.pop();
      lines.forEach(remember);
    });
  }
  state.exitedP = new Promise((r) =>
    child.on('exit', (code, signal) => {
      state.exited = { code, signal };
      served.fail(new Error(`scripts/serve exited (${JSON.stringify(state.exited)}) before serving; its last output:\n${tail.join('\n')}`));
      r(state.exited);
    }),
  );
  state.timeout = (ms) => served.fail(new Error(`scripts/serve did not print its URL within ${ms / 1000} s:\n${tail.join('\n')}`));
  return state;
}

/**
 * Kills the process group of `child` on stop() — SIGTERM, then SIGKILL if it has not exited 5 s
 * later — or at once if this process ends or is signalled first. Returns stop().
 */
function groupKiller(child, out) {
  const killGroup = (signal) => {
    try {
      process.kill(-child.pid, signal);
    } catch {
      /* already gone */
    }
  };
  // If this test process ends without running after() (an exception, Ctrl-C, the runner's
  // SIGTERM), do not leave the server behind: it is in a process group of its own.
  const onExit = () => killGroup('SIGKILL');
  const onSignal = (signal) => {
    killGroup('SIGKILL');
    process.exit(128 + (osConstants.signals[signal] ?? 1));
  };
  process.on('exit', onExit);
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  return async () => {
    process.off('exit', onExit);
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    if (out.exited) return;
    killGroup('SIGTERM');
    // A watchdog, not a wait: SIGKILL only if the group has not exited 5 s after SIGTERM.
    const watchdog = setTimeout(() => killGroup('SIGKILL'), 5000);
    await out.exitedP;
    clearTimeout(watchdog);
  };
}

/**
 * Runs `scripts/serve` with PORT set to a free port, in a process group of its own, waits for its
 * "serving … at http://…" line (scripts/serve.py prints it once the socket listens), then fetches the
 * page once. Returns { url, port, startMs, stop(), output() }; stop() kills the whole group.
 */
export async function startServer({
  timeoutMs = SERVER_START_TIMEOUT_MS,
  log = true,
  command = [join(ROOT, 'scripts', 'serve')],
} = {}) {
  const port = Number(process.env.GRADSCOPE_TEST_PORT) || (await freePort());
  const child = spawn(command[0], command.slice(1), {
    cwd: ROOT,
    env: { ...process.env, PORT: String(port) },
    detached: true, // setsid: the child leads a new process group, killed as a whole by stop()
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const out = follow(child, log);
  const stop = groupKiller(child, out);
  const t0 = Date.now();
  const url = `http://127.0.0.1:${port}/`;
  // The build may take minutes: give up (and kill the group) only after timeoutMs without the line.
  const watchdog = setTimeout(() => out.timeout(timeoutMs), timeoutMs);
  try {
    const printed = await out.serving;
    if (new URL(printed).port !== String(port)) throw new Error(`scripts/serve serves ${printed}, not port ${port}`);
    const res = await fetch(url);
    if (!res.ok) throw new Error(`GET ${url}: HTTP ${res.status}`);
    await res.arrayBuffer();
  } catch (e) {
    await stop();
    throw e;
  } finally {
    clearTimeout(watchdog);
  }
  return { url, port, startMs: Date.now() - t0, stop, output: () => out.tail.join('\n') };
}
