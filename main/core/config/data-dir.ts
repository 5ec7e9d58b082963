// Where the worker, the app and `diagnose` keep their data by default, per user and platform. A module
// of its own: `diagnose` needs it without the worker's settings schemas (8 ms to load).
import { homedir } from 'node:os';
import { join } from 'node:path';

export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'EasySight Edge');
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'EasySight Edge');
  return join(env.XDG_DATA_HOME ?? join(homedir(), '.local', 'share'), 'easysight-edge');
}
