import * as fs from 'fs';
import * as path from 'path';

/** Bounds on what the commands read. */
export interface InputLimits {
  /** Bytes read from one file or from stdin; more is refused (`--max-bytes`). */
  readonly maxBytes: number;
  /** How deep directories are walked. */
  readonly maxDirectoryDepth: number;
  /** How many files a directory walk yields. */
  readonly maxFiles: number;
}

// kpack objects are small (etcd takes at most 1.5 MiB per object); the YAML parser needs up to ~400 times
// a file's size in memory for tiny nodes (docs/security.md), so the default keeps that near 200 MiB.
export const DEFAULT_MAX_BYTES = 512 * 1024;
export const DEFAULT_INPUT_LIMITS: InputLimits = { maxBytes: DEFAULT_MAX_BYTES, maxDirectoryDepth: 16, maxFiles: 10_000 };

/** One file read as text, or why it was refused (not a regular file, too large, not UTF-8/UTF-16 text). */
export type Input =
  | { readonly file: string; readonly text: string; readonly refused?: undefined }
  | { readonly file: string; readonly refused: string; readonly text?: undefined };

/**
 * The files named on the command line: `-` is stdin, a directory is walked for `*.yaml`/`*.yml` files (no
 * symlink followed, bounded in depth and count), anything else must be a regular file. Files are read one
 * at a time, as the caller asks for the next. `stdin` is the descriptor `-` reads.
 */
export function* readInputs(args: string[], limits: InputLimits = DEFAULT_INPUT_LIMITS, stdin: number = 0): Generator<Input> {
  for (const arg of args) {
    if (arg === '-') {
      yield readFd(stdin, '-', limits.maxBytes);
      continue;
    }
    let stat: fs.Stats;
    try {
      stat = fs.statSync(arg);
    } catch (e) {
      yield { file: arg, refused: `cannot read the file: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}` };
      continue;
    }
    if (stat.isDirectory()) {
      yield* walk(arg, limits);
    } else {
      yield readFile(arg, limits.maxBytes);
    }
  }
}

function* walk(root: string, limits: InputLimits): Generator<Input> {
  let count = 0;
  const stack: Array<[string, number]> = [[root, 0]];
  while (stack.length > 0) {
    const [dir, depth] = stack.pop()!;
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? 1 : a.name > b.name ? -1 : 0));
    } catch (e) {
      yield { file: dir, refused: `cannot read the directory: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}` };
      continue;
    }
    const files: string[] = [];
    for (const entry of entries) {
      const full = path.join(dir, entry.name);
      // Dirent types come from lstat: symlinks are neither files nor directories here, so none is followed.
      if (entry.isDirectory()) {
        if (depth + 1 > limits.maxDirectoryDepth) {
          yield { file: full, refused: `deeper than ${limits.maxDirectoryDepth} directories: not read` };
        } else {
          stack.push([full, depth + 1]);
        }
      } else if (entry.isFile() && /\.ya?ml$/i.test(entry.name)) {
        files.unshift(full);
      }
    }
    for (const file of files) {
      if (++count > limits.maxFiles) {
        yield { file: root, refused: `more than ${limits.maxFiles} YAML files: the rest is not read` };
        return;
      }
      yield readFile(file, limits.maxBytes);
    }
  }
}

function readFile(file: string, maxBytes: number): Input {
  let fd: number;
  try {
    // Non-blocking, so that opening a FIFO does not wait for a writer; the type is checked on the open file.
    // eslint-disable-next-line no-bitwise
    fd = fs.openSync(file, fs.constants.O_RDONLY | fs.constants.O_NONBLOCK);
  } catch (e) {
    return { file, refused: `cannot read the file: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}` };
  }
  try {
    const stat = fs.fstatSync(fd);
    if (!stat.isFile()) {
      return { file, refused: `not a regular file (${kindOf(stat)}): refused; give "-" to read stdin` };
    }
    if (stat.size > maxBytes) {
      return { file, refused: `larger than ${maxBytes} bytes (${stat.size}): refused; raise the limit with --max-bytes` };
    }
    return readFd(fd, file, maxBytes);
  } finally {
    fs.closeSync(fd);
  }
}

/** Reads up to `maxBytes` (one more tells that there is more), then decodes. */
function readFd(fd: number, file: string, maxBytes: number): Input {
  const buffer = Buffer.alloc(Math.min(maxBytes + 1, 64 * 1024));
  const chunks: Buffer[] = [];
  let total = 0;
  for (;;) {
    let n: number;
    try {
      n = fs.readSync(fd, buffer, 0, Math.min(buffer.length, maxBytes + 1 - total), null);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'EAGAIN') {
        // stdin without data yet (a terminal or an empty pipe in non-blocking mode): wait a little.
        Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 10);
        continue;
      }
      if (code === 'EOF') break;
      return { file, refused: `cannot read the file: ${code ?? (e as Error).message}` };
    }
    if (n === 0) break;
    chunks.push(Buffer.from(buffer.subarray(0, n)));
    total += n;
    if (total > maxBytes) {
      return { file, refused: `larger than ${maxBytes} bytes: refused; raise the limit with --max-bytes` };
    }
  }
  return decode(file, Buffer.concat(chunks, total));
}

/** UTF-8 (a BOM is dropped) or UTF-16 with a BOM; anything else is refused, never misread as empty. */
export function decode(file: string, bytes: Buffer): Input {
  const starts = (...prefix: number[]) => prefix.every((b, i) => bytes[i] === b);
  try {
    if (starts(0x00, 0x00, 0xfe, 0xff) || starts(0xff, 0xfe, 0x00, 0x00)) {
      return { file, refused: 'UTF-32 text: refused; convert it to UTF-8' };
    }
    if (starts(0xfe, 0xff)) return { file, text: new TextDecoder('utf-16be', { fatal: true }).decode(bytes.subarray(2)) };
    if (starts(0xff, 0xfe)) return { file, text: new TextDecoder('utf-16le', { fatal: true }).decode(bytes.subarray(2)) };
    const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
    if (text.includes('\u0000')) {
      return { file, refused: 'contains NUL characters (UTF-16 without a byte order mark, or binary): refused; convert it to UTF-8' };
    }
    return { file, text };
  } catch {
    return { file, refused: 'not UTF-8 text (nor UTF-16 with a byte order mark): refused' };
  }
}

function kindOf(stat: fs.Stats): string {
  if (stat.isFIFO()) return 'a FIFO';
  if (stat.isCharacterDevice()) return 'a character device';
  if (stat.isBlockDevice()) return 'a block device';
  if (stat.isSocket()) return 'a socket';
  if (stat.isDirectory()) return 'a directory';
  return 'not a file';
}

/** Text for a terminal: control characters, line and bidi separators and lone surrogates shown as escapes. */
export function printable(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g,
    c => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
