// The engine's BaselineBook: reads from the SQLite store at once; writes ride along with the
// worker's group commit (lazy), since a lost sample only means one run fewer to learn from.
import type { BaselineHistory, BaselineUpdate } from '../store/baselines.ts';
import type { Store } from '../store/store.ts';
import type { BaselineBook } from './camera-baselines.ts';

export class SqliteBaselineBook implements BaselineBook {
  private readonly store: Store;

  constructor(store: Store) {
    this.store = store;
  }

  history(cameraId: number | string): BaselineHistory {
    return this.store.baselines.history(cameraId);
  }

  update(cameraId: number | string, update: BaselineUpdate, window: number): void {
    void this.store.batcher
      .submit(() => this.store.baselines.update(cameraId, update, window), { lazy: true })
      .then((outcome) => {
        const failure = !outcome.ok ? outcome : !outcome.value.ok ? outcome.value : null;
        // A closed store at shutdown loses nothing worth a log line.
        if (failure && failure.kind !== 'closed' && this.store.isOpen) {
          this.store.events.add({ level: 'warn', kind: 'baseline.not_saved', message: failure.message, data: { cameraId } });
        }
      });
  }
}
