// The preload bridge (main/shell) exposes the EdgeApi as window.edge; absent in a plain browser.
import type { EdgeApi } from '../../../shared/api/contract.ts';

declare global {
  interface Window {
    edge?: EdgeApi;
  }
}
