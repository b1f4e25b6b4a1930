/**
 * The phone's offline store (issue 22): IndexedDB holding the pack and the queue, every value
 * sealed with AES-GCM under a key that lives only in this session. The key is derived (HKDF) from
 * the per-session secret the server hands out with the pack, never stored: the secret stays in
 * sessionStorage (gone when the tab closes) and the CryptoKey in memory, non-extractable. A lost
 * phone holds only ciphertext; logout, a failed decryption or the pack's expiry wipes everything.
 */
const DB_NAME = 'anju-offline';
const STORE = 'sealed';
const SECRET_KEY = 'anju-offline-secret';
/** Plain (not personal): when the store must be wiped, and the HKDF salt. */
const META_KEY = 'meta';

interface Meta {
  expiresAt: string;
  salt: number[];
}
interface Sealed {
  iv: Uint8Array<ArrayBuffer>;
  data: ArrayBuffer;
}

let cachedKey: { secret: string; key: CryptoKey } | null = null;

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

function openDb(): Promise<IDBDatabase> {
  const req = indexedDB.open(DB_NAME, 1);
  req.onupgradeneeded = () => req.result.createObjectStore(STORE);
  return request(req);
}

async function withStore<T>(mode: IDBTransactionMode, work: (store: IDBObjectStore) => IDBRequest<T>): Promise<T> {
  const db = await openDb();
  try {
    return await request(work(db.transaction(STORE, mode).objectStore(STORE)));
  } finally {
    db.close();
  }
}

async function keyFor(secret: string, salt: Uint8Array<ArrayBuffer>): Promise<CryptoKey> {
  if (cachedKey?.secret === secret) return cachedKey.key;
  const material = await crypto.subtle.importKey('raw', new TextEncoder().encode(secret), 'HKDF', false, ['deriveKey']);
  const key = await crypto.subtle.deriveKey(
    { name: 'HKDF', hash: 'SHA-256', salt, info: new TextEncoder().encode('anju-offline-store') },
    material,
    { name: 'AES-GCM', length: 256 },
    false,
    ['encrypt', 'decrypt'],
  );
  cachedKey = { secret, key };
  return key;
}

async function readMeta(): Promise<Meta | undefined> {
  return (await withStore('readonly', (s) => s.get(META_KEY))) as Meta | undefined;
}

/** Wipes the store and forgets the key: at logout, on expiry, or when the session changed. */
export async function wipeOfflineStore(): Promise<void> {
  cachedKey = null;
  sessionStorage.removeItem(SECRET_KEY);
  await withStore('readwrite', (s) => s.clear()).catch(() => undefined);
}

/** Starts (or continues) a store for this session's secret, valid until `expiresAt`. */
export async function openOfflineStore(secret: string, expiresAt: string): Promise<void> {
  const meta = await readMeta();
  if (!meta || sessionStorage.getItem(SECRET_KEY) !== secret) {
    // Another session's data cannot be read with this secret: start afresh.
    await wipeOfflineStore();
    const salt = Array.from(crypto.getRandomValues(new Uint8Array(16)));
    await withStore('readwrite', (s) => s.put({ expiresAt, salt } satisfies Meta, META_KEY));
  } else {
    await withStore('readwrite', (s) => s.put({ ...meta, expiresAt } satisfies Meta, META_KEY));
  }
  sessionStorage.setItem(SECRET_KEY, secret);
}

/** The key of a usable store, or null (no session secret, or expired: then wiped). */
async function currentKey(): Promise<CryptoKey | null> {
  const secret = sessionStorage.getItem(SECRET_KEY);
  const meta = await readMeta();
  if (!secret || !meta) return null;
  if (Date.parse(meta.expiresAt) <= Date.now()) {
    await wipeOfflineStore();
    return null;
  }
  return keyFor(secret, new Uint8Array(meta.salt));
}

export async function sealValue(name: string, value: unknown): Promise<void> {
  const key = await currentKey();
  if (!key) throw new Error('offline store closed');
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const data = await crypto.subtle.encrypt(
    { name: 'AES-GCM', iv },
    key,
    new TextEncoder().encode(JSON.stringify(value)),
  );
  await withStore('readwrite', (s) => s.put({ iv, data } satisfies Sealed, name));
}

export async function openValue<T>(name: string): Promise<T | undefined> {
  const key = await currentKey();
  if (!key) return undefined;
  const sealed = (await withStore('readonly', (s) => s.get(name))) as Sealed | undefined;
  if (!sealed) return undefined;
  try {
    const plain = await crypto.subtle.decrypt({ name: 'AES-GCM', iv: sealed.iv }, key, sealed.data);
    return JSON.parse(new TextDecoder().decode(plain)) as T;
  } catch {
    await wipeOfflineStore();
    return undefined;
  }
}
