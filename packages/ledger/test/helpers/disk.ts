import { spawnSync } from 'node:child_process';
import { chmodSync, readdirSync, statfsSync, statSync } from 'node:fs';
import { join } from 'node:path';

// Real full and read-only file systems for the ledger's file store: a small tmpfs mounted over the
// store's directory when this process may mount (root with CAP_SYS_ADMIN, as in a CI container);
// otherwise, for read-only, the permission bits (which root ignores, hence the mount first).

/** Whether the tests run as root (permission bits do not stop root). */
export const isRoot = process.getuid?.() === 0;

function run(cmd: string, args: string[]): boolean {
  return spawnSync(cmd, args, { stdio: 'ignore' }).status === 0;
}

/** Mounts a tmpfs of `kib` KiB on `dir`; false when this process may not mount. */
export function mountTmpfs(dir: string, kib: number): boolean {
  return run('mount', ['-t', 'tmpfs', '-o', `size=${kib}k,mode=0755`, 'tmpfs', dir]);
}

/** Remounts the tmpfs on `dir` read-only or read-write. */
export function remount(dir: string, mode: 'ro' | 'rw'): void {
  if (!run('mount', ['-o', `remount,${mode}`, dir])) throw new Error(`cannot remount ${dir} ${mode}`);
}

/** Unmounts `dir` (lazily, so a handle still open does not keep it). */
export function unmount(dir: string): void {
  run('umount', ['-l', dir]);
}

/** Free bytes on the file system holding `dir`. */
export function freeBytes(dir: string): number {
  const s = statfsSync(dir);
  return s.bavail * s.bsize;
}

/** Sets the mode of `dir` and every directory below it (read-only: 0o555; back: 0o755). */
export function chmodTree(dir: string, mode: number): void {
  chmodSync(dir, mode);
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) chmodTree(p, mode);
  }
}
