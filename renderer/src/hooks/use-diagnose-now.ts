// Run one on-demand diagnosis (a camera or a sample clip) and keep what the panel shows about it.
import { useCallback, useRef, useState } from 'react';
import type { ApiError, ApiInput } from '../../../shared/api/contract.ts';
import type { DiagnoseNowView } from '../../../shared/api/views.ts';
import { useApi } from '../api/api-context.ts';

export type DiagnosisState =
  | { phase: 'idle' }
  | { phase: 'running'; label: string; startedAt: number }
  | { phase: 'done'; label: string; view: DiagnoseNowView }
  | { phase: 'failed'; label: string; error: ApiError };

export function useDiagnoseNow(): { state: DiagnosisState; run: (input: ApiInput<'diagnoseNow'>, label: string) => void } {
  const api = useApi();
  const [state, setState] = useState<DiagnosisState>({ phase: 'idle' });
  const sequence = useRef(0);
  const run = useCallback(
    (input: ApiInput<'diagnoseNow'>, label: string) => {
      const mine = ++sequence.current;
      setState({ phase: 'running', label, startedAt: Date.now() });
      void api.diagnoseNow(input).then((result) => {
        if (mine !== sequence.current) return;
        setState(result.ok ? { phase: 'done', label, view: result.value } : { phase: 'failed', label, error: result.error });
      });
    },
    [api],
  );
  return { state, run };
}
