// Run by `npm install` (preinstall) on whatever Node runs npm, so plain JavaScript that Node 20 runs.
// On an older Node it says once, in words, what npm's per-package EBADENGINE warnings (hidden by
// .npmrc) would have said ten times, and why nothing needs doing.
import { readFileSync } from 'node:fs';

// npm's own Node, not the one first on PATH (that is the project's Node 24 once installed).
const npmNode = /\bnode\/v(\d+)\.(\d+)\.(\d+)/.exec(process.env.npm_config_user_agent ?? '');
const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const projectNode = pkg.devDependencies?.node ?? '24';
const projectMajor = Number(String(projectNode).split('.')[0]);

if (npmNode && Number(npmNode[1]) < projectMajor) {
  const version = `${npmNode[1]}.${npmNode[2]}.${npmNode[3]}`;
  console.log(
    [
      `EasySight Edge: npm runs on Node ${version} here; several packages (vitest, electron, better-sqlite3...) need Node 22 or later.`,
      `That is fine: this install brings Node ${projectNode} along (the "node" devDependency), and every npm script (build, start, test) runs on it.`,
      "npm's per-package \"Unsupported engine\" (EBADENGINE) warnings say only this, so .npmrc hides npm's warnings; errors still show.",
    ].join('\n'),
  );
}
