// The process surface a command uses, passed in so commands can be run and tested in-process.
export interface CliIo {
  out(text: string): void;
  err(text: string): void;
  env: NodeJS.ProcessEnv;
  onInterrupt(handler: () => void): void;
  offInterrupt(handler: () => void): void;
}

export function processIo(): CliIo {
  return {
    out: (text) => process.stdout.write(text),
    err: (text) => process.stderr.write(text),
    env: process.env,
    onInterrupt: (handler) => {
      process.on('SIGINT', handler);
      process.on('SIGTERM', handler);
    },
    offInterrupt: (handler) => {
      process.off('SIGINT', handler);
      process.off('SIGTERM', handler);
    },
  };
}
