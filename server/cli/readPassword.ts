import { createInterface } from 'node:readline';

/** All of stdin, without its final newline: `--password-stdin` (a password never goes in argv, where `ps` shows it). */
export async function passwordFromStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}

/** Ask for a password on the terminal without echoing it. */
export function promptPassword(question: string): Promise<string> {
  if (!process.stdin.isTTY) throw new Error('No terminal to ask for the password on: pass it with --password-stdin.');
  return new Promise((resolve) => {
    const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: true });
    const write = (rl as unknown as { _writeToOutput: (s: string) => void })._writeToOutput;
    let asked = false;
    (rl as unknown as { _writeToOutput: (s: string) => void })._writeToOutput = (s: string) => {
      if (!asked) {
        asked = true;
        write.call(rl, s);
      }
    };
    rl.question(question, (answer) => {
      rl.close();
      process.stdout.write('\n');
      resolve(answer);
    });
  });
}
