// The window's first page: what the app is and the checks it runs. The dashboard comes with the worker.
import { ALL_CHECKS } from '../../shared/diagnosis/types.ts';

const isChinese = navigator.language.toLowerCase().startsWith('zh');

export function App() {
  return (
    <main style={{ fontFamily: 'system-ui, sans-serif', padding: 24 }}>
      <h1>{isChinese ? 'EasySight 边缘节点' : 'EasySight Edge'}</h1>
      <p>
        {isChinese
          ? '本机视频质量诊断节点。命令行诊断：easysight-edge diagnose <视频源>'
          : 'Local video quality diagnosis node. Diagnose from the command line: easysight-edge diagnose <source>'}
      </p>
      <ul>
        {ALL_CHECKS.map((t) => (
          <li key={t}>{t}</li>
        ))}
      </ul>
    </main>
  );
}
