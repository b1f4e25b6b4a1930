import type { InferRequestType, InferResponseType } from 'hono/client';
import { api } from '../../shared/api-client.ts';
import { openValue, sealValue } from './store.ts';

const batchPost = api.api.offline.batch.$post;
export type OfflineRecord = InferRequestType<typeof batchPost>['json']['records'][number];
type BatchAnswer = Extract<InferResponseType<typeof batchPost>, { results: unknown }>;
export type RecordResult = BatchAnswer['results'][number];
export type Pack = Extract<InferResponseType<typeof api.api.offline.pack.$get>, { households: unknown }>;
export type PackHousehold = Pack['households'][number];

/** 待同步, 已同步, 有冲突, 被拒绝 (refused: out of scope or invalid; the worker is told why). */
export type QueueState = 'pending' | 'synced' | 'conflict' | 'refused';
export interface QueuedRecord {
  record: OfflineRecord;
  householdNumber: string;
  state: QueueState;
  server?: unknown;
  problemCode?: string;
}

const QUEUE = 'queue';
const PACK = 'pack';

export const readQueue = async () => (await openValue<QueuedRecord[]>(QUEUE)) ?? [];
export const writeQueue = (queue: QueuedRecord[]) => sealValue(QUEUE, queue);
export const readPack = () => openValue<Pack>(PACK);
export const writePack = (pack: Pack) => sealValue(PACK, pack);

export async function enqueue(item: QueuedRecord): Promise<QueuedRecord[]> {
  const queue = [...(await readQueue()), item];
  await writeQueue(queue);
  return queue;
}

/** Slices that stay under the API's 1 MB body limit and its 50 records a batch. */
function slices(records: OfflineRecord[]): OfflineRecord[][] {
  const out: OfflineRecord[][] = [];
  let current: OfflineRecord[] = [];
  let size = 0;
  for (const record of records) {
    const bytes = JSON.stringify(record).length;
    if (current.length > 0 && (current.length >= 50 || size + bytes > 900_000)) {
      out.push(current);
      current = [];
      size = 0;
    }
    current.push(record);
    size += bytes;
  }
  if (current.length) out.push(current);
  return out;
}

const stateOf = (result: RecordResult): Pick<QueuedRecord, 'state' | 'server' | 'problemCode'> => {
  switch (result.status) {
    case 'applied':
    case 'discarded':
      return { state: 'synced' };
    case 'duplicate':
      return { state: 'synced' };
    case 'conflict':
      return { state: 'conflict', server: result.server };
    default:
      return { state: 'refused', problemCode: result.problem?.code };
  }
};

/** The session ended (401) while records wait: they stay 待同步 until the worker signs in again. */
export class SignedOutError extends Error {}

/** Sends every pending record; a retry is harmless (the server answers by client id). */
export async function syncQueue(): Promise<QueuedRecord[]> {
  const queue = await readQueue();
  const pending = queue.filter((item) => item.state === 'pending').map((item) => item.record);
  for (const slice of slices(pending)) {
    const response = await batchPost({ json: { records: slice } });
    if (response.status === 401) throw new SignedOutError('signed out');
    if (!response.ok) break;
    const body = await response.json();
    if (!('results' in body)) break;
    const byId = new Map(body.results.map((result) => [result.clientId, result]));
    const latest = await readQueue();
    await writeQueue(
      latest.map((item) => {
        const result = byId.get(item.record.clientId);
        return result ? { ...item, ...stateOf(result) } : item;
      }),
    );
  }
  return readQueue();
}

/** The worker's choice for a conflict: keep mine (apply it) or keep the server's. */
export async function resolveConflict(clientId: string, keep: 'mine' | 'server'): Promise<QueuedRecord[]> {
  const response = await api.api.offline.resolve.$post({ json: { clientId, keep } });
  if (response.ok) {
    const queue = await readQueue();
    await writeQueue(
      queue.map((item) => (item.record.clientId === clientId ? { ...item, state: 'synced', server: undefined } : item)),
    );
  }
  return readQueue();
}

export async function downloadPack(): Promise<Pack | undefined> {
  const response = await api.api.offline.pack.$get();
  if (response.status === 401) throw new SignedOutError('signed out');
  if (!response.ok) return undefined;
  const body = await response.json();
  return 'households' in body ? body : undefined;
}
