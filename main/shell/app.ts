// Electron main process entry (package.json "main": dist/main/shell/app.js): wires the engine of
// main/core into the shell of main-process.ts. Everything else lives there and in its modules.
import { app } from 'electron';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { Engine } from '../core/api/engine.ts';
import { Logger } from '../core/log/logger.ts';
import { RotatingFile } from '../core/log/rotating-file.ts';
import type { EngineFactory } from './engine.ts';
import { runApp } from './main-process.ts';
import { relaunchForMemory } from './memory-relaunch.ts';

// First, before a log file or a window exists: a start without the worker's memory settings
// relaunches the app with them and exits.
const relaunching = relaunchForMemory(app, { argv: process.argv, env: process.env });

function start(): void {
  const logger = new Logger({
    file: new RotatingFile(join(app.getPath('userData'), 'logs', 'edge.log')),
    stderr: !app.isPackaged,
    level: 'info',
  });

  const openEngine: EngineFactory = async (options) => {
    const opened = Engine.open({
      // Below the stored settings, so an ffmpeg the user chose still wins over the bundled one.
      ...(options.ffmpegPath ? { defaults: { ffmpegPath: options.ffmpegPath } } : {}),
      dataDir: options.dataDir,
      secrets: options.secrets,
      logger,
      version: options.version,
      samplesDir: options.samplesDir,
      secretStorageWarning: options.secretStorageWarning,
    });
    return opened.ok ? { ok: true, engine: opened.engine } : opened;
  };

  runApp({
    openEngine,
    log: logger,
    argv: process.argv,
    env: process.env,
    platform: process.platform,
    arch: process.arch,
    resourcesPath: process.resourcesPath,
    home: homedir(),
    execPath: process.execPath,
    signals: process,
  });
}

if (!relaunching) start();
