import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { MAX_READ_FILE_BYTES, MAX_STDIN_CHARS, type CliIo } from './cliIo.ts';

/** A Node-style error with a code, as `readFile` promises: the code says what went wrong, nothing else. */
function codedError(code: string): Error {
  return Object.assign(new Error(code), { code });
}

/** Reads standard input to its end, or stops one character past the limit (the caller refuses it). */
function readStdin(prompt?: string): Promise<string> {
  const input = process.stdin;
  if (prompt !== undefined && input.isTTY) process.stderr.write(`${prompt}\n`);
  return new Promise((resolve, reject) => {
    let text = '';
    input.setEncoding('utf8');
    const finish = (): void => {
      input.off('data', onData);
      input.off('end', finish);
      input.off('error', onError);
      input.pause();
      resolve(text);
    };
    const onData = (chunk: string): void => {
      text += chunk;
      if (text.length > MAX_STDIN_CHARS) {
        text = text.slice(0, MAX_STDIN_CHARS + 1);
        finish();
      }
    };
    const onError = (error: Error): void => {
      reject(error);
    };
    input.on('data', onData);
    input.once('end', finish);
    input.once('error', onError);
  });
}

/** The real process: its streams, files and environment. */
export function createNodeIo(): CliIo {
  return {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    readFile: (path) => {
      const info = statSync(path);
      if (!info.isFile()) throw codedError('EISDIR');
      if (info.size > MAX_READ_FILE_BYTES) throw codedError('EFBIG');
      return readFileSync(path, 'utf8');
    },
    readStdin,
    writeFile: (path, bytes) => {
      writeFileSync(path, bytes);
    },
    env: process.env,
  };
}
