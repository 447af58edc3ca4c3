// The path checks of the command line: the pure verdict over every shape of probe, the text
// rules, and the thin disk edge on a temp tree (and /proc, /dev/null, which every Linux has).
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkPath, judgePath, pathProblem, pathTextProblem, probePath, showPath, showValue, valueTextProblem, type PathSpec, type Probe } from '../../../harness/cli/paths.ts';

const READ_DIR: PathSpec = { type: 'dir', access: 'read' };
const WRITE_DIR: PathSpec = { type: 'dir', access: 'write' };
const RW_DIR: PathSpec = { type: 'dir', access: 'read-write' };
const READ_FILE: PathSpec = { type: 'file', access: 'read' };
const WRITE_FILE: PathSpec = { type: 'file', access: 'write' };

describe('valueTextProblem / pathTextProblem (pure)', () => {
  it('refuses empty values and control characters', () => {
    expect(valueTextProblem('')).toBe('is empty');
    expect(valueTextProblem('a\nb')).toMatch(/control character/);
    expect(valueTextProblem('a\tb')).toMatch(/control character/);
    expect(valueTextProblem('a\u007fb')).toMatch(/control character/);
    expect(valueTextProblem('with space/ünïcode')).toBeUndefined();
  });

  it('refuses a path over 4095 bytes or with a name over 255 bytes, counting bytes not characters', () => {
    expect(pathTextProblem('a'.repeat(4095))).toMatch(/name of 4095 bytes/);
    expect(pathTextProblem(Array(21).fill('d'.repeat(200)).join('/'))).toMatch(/too long \(4\d{3} bytes/);
    expect(pathTextProblem(`x/${'é'.repeat(128)}`)).toMatch(/name of 256 bytes/);
    expect(pathTextProblem(`x/${'é'.repeat(127)}`)).toBeUndefined();
    expect(pathTextProblem('')).toBe('is empty');
  });
});

describe('showValue / showPath (pure)', () => {
  it('shows plain paths as typed, odd ones quoted, long ones cut with their length', () => {
    expect(showValue('artifacts/x-1.md')).toBe('artifacts/x-1.md');
    expect(showValue('a\nb')).toBe('"a\\nb"');
    expect(showValue('with space')).toBe('"with space"');
    expect(showValue('')).toBe('""');
    const long = showValue('x'.repeat(5000));
    expect(long).toBe(`${'x'.repeat(60)}… (5000 characters)`);
    expect(long).not.toContain('\n');
  });

  it('shows a path under cwd relative, others absolute', () => {
    expect(showPath('/w/repo/README.md', '/w/repo')).toBe('README.md');
    expect(showPath('/proc', '/w/repo')).toBe('/proc');
    expect(showPath('/w/repo', '/w/repo')).toBe('/w/repo');
  });
});

describe('judgePath (pure)', () => {
  const dirW: Probe = { kind: 'folder', writable: true };
  const missingUnder = (kind: 'folder' | 'file' | 'device', extra: Partial<Probe> = {}): Probe =>
    ({ nearest: { path: '/n', kind }, writable: true, ...extra });

  it('accepts what each spec wants', () => {
    expect(judgePath(READ_DIR, dirW)).toBeUndefined();
    expect(judgePath(WRITE_DIR, dirW)).toBeUndefined();
    expect(judgePath(RW_DIR, dirW)).toBeUndefined();
    expect(judgePath(WRITE_DIR, missingUnder('folder'))).toBeUndefined();
    expect(judgePath(READ_FILE, { kind: 'file', writable: false })).toBeUndefined();
    expect(judgePath(WRITE_FILE, missingUnder('folder'))).toBeUndefined();
    expect(judgePath(READ_DIR, { kind: 'folder', writable: false, pseudoFs: 'proc' })).toBeUndefined(); // reading /proc is not writing it
  });

  it('names the wrong kind of thing', () => {
    expect(judgePath(WRITE_DIR, { kind: 'file', writable: true })).toBe('is a file, not a folder');
    expect(judgePath(READ_DIR, { kind: 'device', writable: true })).toBe('is a device, not a folder');
    expect(judgePath(READ_FILE, dirW)).toBe('is a folder, not a file');
    expect(judgePath(READ_FILE, { kind: 'socket or pipe', writable: true })).toBe('is a socket or pipe, not a file');
    expect(judgePath(READ_FILE, { kind: 'other', writable: true })).toBe('is something, not a file');
  });

  it('names the thing on the way that is not a folder (README.md/x, /dev/null/x)', () => {
    for (const spec of [READ_DIR, WRITE_DIR, RW_DIR, READ_FILE, WRITE_FILE]) {
      expect(judgePath(spec, missingUnder('file'), (p) => `<${p}>`)).toBe('</n> is a file, not a folder');
      expect(judgePath(spec, missingUnder('device'))).toBe('/n is a device, not a folder');
    }
  });

  it('lets a file that may be missing be missing, but nothing else be wrong', () => {
    const optional: PathSpec = { type: 'file', access: 'read', mayBeMissing: true };
    expect(judgePath(optional, missingUnder('folder'))).toBeUndefined();
    expect(judgePath(optional, missingUnder('file'))).toBe('/n is a file, not a folder');
    expect(judgePath(optional, { kind: 'folder', writable: true })).toBe('is a folder, not a file');
  });

  it('wants read paths to exist, and lets written ones be made', () => {
    expect(judgePath(READ_DIR, missingUnder('folder'))).toBe('does not exist');
    expect(judgePath(RW_DIR, missingUnder('folder'))).toBe('does not exist');
    expect(judgePath(READ_FILE, missingUnder('folder'))).toBe('does not exist');
  });

  it('refuses writing on a kernel filesystem or where it may not write', () => {
    expect(judgePath(WRITE_DIR, missingUnder('folder', { pseudoFs: 'proc' }))).toBe('/n is on a kernel filesystem (proc) where nothing can be written');
    expect(judgePath(RW_DIR, { kind: 'folder', writable: true, pseudoFs: 'sysfs' })).toBe('is on a kernel filesystem (sysfs) where nothing can be written');
    expect(judgePath(WRITE_DIR, missingUnder('folder', { writable: false }))).toBe('cannot be created: /n is not writable');
    expect(judgePath(RW_DIR, { kind: 'folder', writable: false })).toBe('is not writable');
    expect(judgePath(WRITE_FILE, { kind: 'file', writable: false })).toBe('is not writable');
  });

  it('passes on why the disk could not answer', () => {
    expect(judgePath(READ_DIR, { writable: false, error: 'ELOOP' })).toBe('cannot be examined (ELOOP)');
  });
});

describe('probePath and checkPath (the disk edge)', () => {
  const root = mkdtempSync(path.join(os.tmpdir(), 'parity-paths-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  writeFileSync(path.join(root, 'file.md'), 'x');
  mkdirSync(path.join(root, 'dir'));

  it('finds what is there, or the nearest thing on the way up', () => {
    expect(probePath(path.join(root, 'dir'))).toMatchObject({ kind: 'folder', writable: true });
    expect(probePath(path.join(root, 'file.md'))).toMatchObject({ kind: 'file' });
    const missing = probePath(path.join(root, 'a', 'b'));
    expect(missing).toMatchObject({ nearest: { path: root, kind: 'folder' }, writable: true });
    expect(missing.kind).toBeUndefined();
    expect(probePath(path.join(root, 'file.md', 'x'))).toMatchObject({ nearest: { path: path.join(root, 'file.md'), kind: 'file' } });
    expect(probePath('/dev/null')).toMatchObject({ kind: 'device' });
    expect(probePath('/dev/null/x')).toMatchObject({ nearest: { path: '/dev/null', kind: 'device' } });
  });

  it.runIf(process.platform === 'linux')('knows /proc for a kernel filesystem', () => {
    expect(probePath('/proc/parity-no-such')).toMatchObject({ nearest: { path: '/proc', kind: 'folder' }, pseudoFs: 'proc' });
  });

  it('throws one line naming the option, the value and what is wrong; returns the absolute path when good', () => {
    expect(checkPath('--report-dir', 'out/new', WRITE_DIR, root)).toBe(path.join(root, 'out', 'new'));
    expect(() => checkPath('--report-dir', 'file.md/x', WRITE_DIR, root)).toThrow('--report-dir file.md/x: file.md is a file, not a folder');
    expect(() => checkPath('--report-dir', '/dev/null', WRITE_DIR, root)).toThrow('--report-dir /dev/null: is a device, not a folder');
    expect(() => checkPath('--root', 'nope', READ_DIR, root)).toThrow('--root nope: does not exist');
    expect(() => checkPath('docs <page>', 'dir', READ_FILE, root)).toThrow('docs <page> dir: is a folder, not a file');
    expect(() => checkPath('--root', 'a\nb', READ_DIR, root)).toThrow('--root "a\\nb": holds a control character (a newline?)');
  });

  it('pathProblem: the same verdict without a label, for values that hold a path (dir:PATH)', () => {
    expect(pathProblem('dir', READ_DIR, root)).toBeUndefined();
    expect(pathProblem('file.md', READ_DIR, root)).toBe('is a file, not a folder');
    expect(pathProblem('', READ_DIR, root)).toBe('is empty');
  });
});
