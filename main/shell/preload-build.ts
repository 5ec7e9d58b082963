// Builds the sandboxed preload: main/shell/preload.ts -> dist/main/shell/preload.cjs, one CommonJS
// file. A sandboxed preload cannot load ES modules nor require anything but 'electron' and a few
// Node modules, so the build fails if the output requires anything else.
// Run: node main/shell/preload-build.ts   (npm run build:preload)
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

/** What a sandboxed preload may require (Electron docs: sandboxed renderers). */
export const SANDBOX_REQUIRES = new Set(['electron', 'events', 'timers', 'url', 'node:events', 'node:timers', 'node:url']);

export function requiredModules(code: string): string[] {
  return [...code.matchAll(/\brequire\(\s*["'`]([^"'`]+)["'`]\s*\)/g)].map((m) => m[1] ?? '');
}

/** Transpiles the preload source to CommonJS; throws when it requires what the sandbox cannot. */
export function compilePreload(source: string, fileName = 'preload.ts'): string {
  const out = ts.transpileModule(source, {
    fileName,
    reportDiagnostics: true,
    compilerOptions: {
      module: ts.ModuleKind.CommonJS,
      target: ts.ScriptTarget.ES2022,
      verbatimModuleSyntax: false,
      isolatedModules: true,
      sourceMap: false,
      removeComments: false,
    },
  });
  const errors = (out.diagnostics ?? []).filter((d) => d.category === ts.DiagnosticCategory.Error);
  if (errors.length > 0) throw new Error(errors.map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n')).join('\n'));
  const bad = requiredModules(out.outputText).filter((m) => !SANDBOX_REQUIRES.has(m));
  if (bad.length > 0) throw new Error(`the sandboxed preload may not require ${bad.join(', ')}: import only types from shared code`);
  return out.outputText;
}

export function buildPreload(root: string): string {
  const target = join(root, 'dist', 'main', 'shell', 'preload.cjs');
  const code = compilePreload(readFileSync(join(root, 'main', 'shell', 'preload.ts'), 'utf8'));
  mkdirSync(dirname(target), { recursive: true });
  writeFileSync(target, code);
  return target;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const target = buildPreload(resolve(dirname(fileURLToPath(import.meta.url)), '..', '..'));
  console.log(`preload built: ${target}`);
}
