// @vitest-environment happy-dom
// A queue that is down on a cluster, missing, or held with other arguments: the Overview says so in the
// user's language, with the broker's own words beside it.
import { cleanup, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { TopologyWarningView } from '../../shared/api/views.ts';
import { OverviewPage } from '../../renderer/src/pages/OverviewPage.tsx';
import { MemoryApi } from './memory-api.ts';
import { renderWithApi } from './render-with-api.tsx';

afterEach(cleanup);

const topologyWarnings: TopologyWarningView[] = [
  { queue: 'diagnosis.tasks', kind: 'down', detail: "NOT_FOUND - home node 'hx3@localhost' of durable queue 'diagnosis.tasks' in vhost '/' is down or inaccessible" },
  { queue: 'worker.heartbeat', kind: 'missing', detail: "NOT_FOUND - no queue 'worker.heartbeat' in vhost '/'" },
  { queue: 'diagnosis.tasks.rejected', kind: 'conflict', detail: "PRECONDITION_FAILED - inequivalent arg 'x-queue-type'" },
];

async function warningsIn(lang: 'zh-CN' | 'en'): Promise<string[]> {
  renderWithApi(<OverviewPage onNavigate={vi.fn()} />, new MemoryApi({ status: { topologyWarnings } }).api, lang);
  const list = await screen.findByTestId('warnings');
  return [...list.querySelectorAll('li')].map((li) => li.textContent ?? '');
}

describe('queue warnings on the Overview', () => {
  it('in Chinese', async () => {
    expect(await warningsIn('zh-CN')).toEqual([
      "队列 diagnosis.tasks 不可用：它所在的 RabbitMQ 节点已停止。其他队列照常工作，节点恢复前会持续重试。（RabbitMQ：NOT_FOUND - home node 'hx3@localhost' of durable queue 'diagnosis.tasks' in vhost '/' is down or inaccessible）",
      "队列 worker.heartbeat 不存在（已被删除，或随其 RabbitMQ 节点一起消失）。其他队列照常工作，恢复前会持续重新声明。（RabbitMQ：NOT_FOUND - no queue 'worker.heartbeat' in vhost '/'）",
      "队列 diagnosis.tasks.rejected 已存在，但参数与本节点声明的不同；按现有参数使用。（RabbitMQ：PRECONDITION_FAILED - inequivalent arg 'x-queue-type'）",
    ]);
  });

  it('in English', async () => {
    const [down, missing, conflict] = await warningsIn('en');
    expect(down).toBe(
      "Queue diagnosis.tasks is unavailable: its RabbitMQ node is down. The other queues keep working; the worker tries it again until it is back. (RabbitMQ: NOT_FOUND - home node 'hx3@localhost' of durable queue 'diagnosis.tasks' in vhost '/' is down or inaccessible)",
    );
    expect(missing).toMatch(/^Queue worker\.heartbeat is missing \(deleted, or gone with its RabbitMQ node\)/);
    expect(conflict).toMatch(/^Queue diagnosis\.tasks\.rejected exists with other arguments than the worker declares; it is used as it is\./);
  });
});
