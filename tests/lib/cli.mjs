// The native CLI (target/release/gradscope) that the browser tests compare the page against.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { ROOT } from './server.mjs';

function runCli(args) {
  const bin = join(ROOT, 'target', 'release', 'gradscope');
  const r = spawnSync(bin, args, { cwd: ROOT, encoding: 'utf8', maxBuffer: 256 << 20 });
  if (r.status !== 0) throw new Error(`gradscope ${args.join(' ')} failed (${r.status}):\n${r.stderr}`);
  return r.stdout;
}

/** Runs the CLI (target/release/gradscope) and parses its JSON output. */
export function cli(args) {
  return JSON.parse(runCli(args));
}

/** Runs the CLI and parses its output as JSON lines (`gradscope train`: one per epoch). */
export function cliLines(args) {
  return runCli(args)
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l));
}

/** `cargo build --release -p gradscope` (a no-op when the CLI is up to date). */
export function buildCli() {
  const r = spawnSync('cargo', ['build', '--release', '-p', 'gradscope'], { cwd: ROOT, stdio: ['ignore', 2, 2] });
  if (r.status !== 0) throw new Error(`cargo build --release -p gradscope failed (${r.status})`);
}
