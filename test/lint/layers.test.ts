// The layer rules are lint rules: prove they fire where they must and stay quiet where they must not.
import { ESLint } from 'eslint';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: resolve(import.meta.dirname, '../..') });

async function layerErrors(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports' || m.ruleId === 'no-restricted-globals').map((m) => m.message);
}

describe('layer lint rules', () => {
  it('lets only main/shell load electron at run time', async () => {
    const code = "import { app } from 'electron';\nexport const a = app;\n";
    expect(await layerErrors('main/core/worker/x.ts', code)).toEqual([expect.stringMatching(/Only main\/shell/)]);
    expect(await layerErrors('main/cli/x.ts', code)).toHaveLength(1);
    expect(await layerErrors('shared/x.ts', code)).toHaveLength(1);
    expect(await layerErrors('renderer/src/x.tsx', code)).toHaveLength(1);
    expect(await layerErrors('main/shell/x.ts', code)).toEqual([]);
    expect(await layerErrors('main/core/x.ts', "import type { App } from 'electron';\nexport type A = App;\n")).toEqual([]);
  });

  it('keeps shared/ free of Node and DOM', async () => {
    expect(await layerErrors('shared/x.ts', "import { readFileSync } from 'node:fs';\nexport const r = readFileSync;\n")).toHaveLength(1);
    expect(await layerErrors('shared/x.ts', "import path from 'path';\nexport const p = path;\n")).toHaveLength(1);
    expect(await layerErrors('shared/x.ts', 'export const w = window.location;\n')).toHaveLength(1);
    expect(await layerErrors('shared/x.ts', "import { probeCamera } from '../main/core/diagnosis/camera-probe.ts';\nexport const p = probeCamera;\n")).toHaveLength(1);
  });

  it('lets the renderer import only shared/ and its own files', async () => {
    expect(await layerErrors('renderer/src/x.tsx', "import { grabFrames } from '../../main/core/diagnosis/source/grab.ts';\nexport const g = grabFrames;\n")).toHaveLength(1);
    expect(await layerErrors('renderer/src/x.tsx', "import { readFileSync } from 'fs';\nexport const r = readFileSync;\n")).toHaveLength(1);
    expect(await layerErrors('renderer/src/x.tsx', "import { ALL_CHECKS } from '../../shared/diagnosis/types.ts';\nexport const c = ALL_CHECKS;\n")).toEqual([]);
  });

  it('keeps main/core independent of the shell', async () => {
    expect(await layerErrors('main/core/x.ts', "import { tray } from '../shell/tray.ts';\nexport const t = tray;\n")).toHaveLength(1);
  });
});
