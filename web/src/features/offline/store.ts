/**
 * The phone's offline store (issue 22): IndexedDB holding the pack and the queue, every value
 * sealed with AES-GCM under a random data key made on the phone. The data key is never stored in
 * the clear; two sealed copies of it sit beside the data:
 * - one under a key derived (HKDF) from the per-session secret the server hands out with the pack:
 *   within the session (secret in sessionStorage, or fetched again with the same cookie) the store
 *   opens without asking anything;
 * - one under a key derived (PBKDF2, 600 000 rounds) from the worker's offline PIN (离线密码, 4–6
 *   digits): a cold open without signal (browser closed in a village) asks for the PIN.
 * Five wrong PINs, logout, a failed decryption or the pack's expiry wipe everything. A short PIN
 * stops someone holding the phone, not a forensic attack on a copied disk: the expiry bounds that.
 */
const DB_NAME = 'anju-offline';
const STORE = 'sealed';
const SECRET_KEY = 'anju-offline-secret';
/** Not personal: when the store must be wiped and the sealed copies of the data key. */
const META_KEY = 'meta';
export const PIN_ROUNDS = 600_000;
export const PIN_TRIES = 5;
export const PIN_PATTERN = /^\d{4,6}$/;

interface Sealed {
  iv: Uint8Array<ArrayBuffer>;
  data: ArrayBuffer;
}
interface Meta {
  expiresAt: string;
  /** The data key sealed under HKDF(session secret, salt). */
  session: Sealed & { salt: Uint8Array<ArrayBuffer> };
  /** The data key sealed under PBKDF2(PIN, salt, rounds), once the worker set a PIN. */
  pin?: Sealed & { salt: Uint8Array<ArrayBuffer>; rounds: number };
  wrongPins: number;
}
/** none: nothing kept; open: readable now; locked: kept, the PIN (or the session) opens it. */
export type StoreState = 'none' | 'open' | 'locked';
export type PinAnswer = { outcome: 'open' } | { outcome: 'wrong'; triesLeft: number } | { outcome: 'wiped' };

/** The data key of this page load, once opened (raw bytes are needed to seal it under a new PIN). */
let held: { raw: Uint8Array<ArrayBuffer>; key: CryptoKey } | null = null;

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

const aesKey = (raw: Uint8Array<ArrayBuffer>) =>
  crypto.subtle.importKey('raw', raw, 'AES-GCM', false, ['encrypt', 'decrypt']);

async function sessionKey(secret: string, salt: Uint8Array<ArrayBuffer>): Promise<CryptoKey> {
  const material = await crypto.subtle.importKey('raw', new TextEncoder().encode(secret), 'HKDF', false, ['deriveKey']);
  return crypto.subtle.deriveKey(
    { name: 'HKDF', hash: 'SHA-256', salt, info: new TextEncoder().encode('anju-offline-store') },
    material,
    { name: 'AES-GCM', length: 256 },
    false,
    ['encrypt', 'decrypt'],
  );
}

async function pinKey(pin: string, salt: Uint8Array<ArrayBuffer>, rounds: number): Promise<CryptoKey> {
  const material = await crypto.subtle.importKey('raw', new TextEncoder().encode(pin), 'PBKDF2', false, ['deriveKey']);
  return crypto.subtle.deriveKey(
    { name: 'PBKDF2', hash: 'SHA-256', salt, iterations: rounds },
    material,
    { name: 'AES-GCM', length: 256 },
    false,
    ['encrypt', 'decrypt'],
  );
}

async function seal(key: CryptoKey, plain: Uint8Array<ArrayBuffer>): Promise<Sealed> {
  const iv = crypto.getRandomValues(new Uint8Array(12));
  return { iv, data: await crypto.subtle.encrypt({ name: 'AES-GCM', iv }, key, plain) };
}

/** The plain bytes, or null when the key is wrong (AES-GCM's tag does not match). */
async function unseal(key: CryptoKey, sealed: Sealed): Promise<Uint8Array<ArrayBuffer> | null> {
  try {
    return new Uint8Array(await crypto.subtle.decrypt({ name: 'AES-GCM', iv: sealed.iv }, key, sealed.data));
  } catch {
    return null;
  }
}

async function readMeta(): Promise<Meta | undefined> {
  return (await withStore('readonly', (s) => s.get(META_KEY))) as Meta | undefined;
}
const writeMeta = (meta: Meta) => withStore('readwrite', (s) => s.put(meta, META_KEY));

async function hold(raw: Uint8Array<ArrayBuffer>): Promise<CryptoKey> {
  held = { raw, key: await aesKey(raw) };
  return held.key;
}

async function sealForSession(raw: Uint8Array<ArrayBuffer>, secret: string): Promise<Meta['session']> {
  const salt = crypto.getRandomValues(new Uint8Array(16));
  return { salt, ...(await seal(await sessionKey(secret, salt), raw)) };
}

/** Wipes the store and forgets the key: at logout, on expiry, after too many wrong PINs. */
export async function wipeOfflineStore(): Promise<void> {
  held = null;
  sessionStorage.removeItem(SECRET_KEY);
  await withStore('readwrite', (s) => s.clear()).catch(() => undefined);
}

/** The meta of a store that has not expired (an expired one is wiped here). */
async function liveMeta(): Promise<Meta | undefined> {
  const meta = await readMeta();
  if (meta && Date.parse(meta.expiresAt) <= Date.now()) {
    await wipeOfflineStore();
    return undefined;
  }
  return meta;
}

/** The data key if this page holds it or this session's secret opens it; null otherwise. */
async function currentKey(meta: Meta | undefined): Promise<CryptoKey | null> {
  if (!meta) return null;
  if (held) return held.key;
  const secret = sessionStorage.getItem(SECRET_KEY);
  if (!secret) return null;
  const raw = await unseal(await sessionKey(secret, meta.session.salt), meta.session);
  return raw ? hold(raw) : null;
}

export async function offlineStoreState(): Promise<StoreState> {
  const meta = await liveMeta();
  if (!meta) return 'none';
  return (await currentKey(meta)) ? 'open' : 'locked';
}

export async function hasOfflinePin(): Promise<boolean> {
  return Boolean((await liveMeta())?.pin);
}

/**
 * Starts (or continues) the store with this session's secret, valid until `expiresAt`. A store
 * kept in an earlier session stays locked (nothing is written) until the PIN opens it; then it
 * is sealed again for this session.
 */
export async function openOfflineStore(secret: string, expiresAt: string): Promise<StoreState> {
  const meta = await liveMeta();
  if (!meta) {
    await wipeOfflineStore();
    const raw = crypto.getRandomValues(new Uint8Array(32));
    await hold(raw);
    await writeMeta({ expiresAt, session: await sealForSession(raw, secret), wrongPins: 0 });
    sessionStorage.setItem(SECRET_KEY, secret);
    return 'open';
  }
  const opened = held ?? (await currentKey(meta).then(() => held));
  if (!opened) {
    // The page's own secret may be stale: try the one the server just gave.
    const raw = await unseal(await sessionKey(secret, meta.session.salt), meta.session);
    if (!raw) return 'locked';
    await hold(raw);
  }
  const raw = held?.raw;
  if (!raw) return 'locked';
  const session = sessionStorage.getItem(SECRET_KEY) === secret ? meta.session : await sealForSession(raw, secret);
  await writeMeta({ ...meta, expiresAt, session });
  sessionStorage.setItem(SECRET_KEY, secret);
  return 'open';
}

/** Seals the open store's data key under the worker's offline PIN (4–6 digits). */
export async function setOfflinePin(pin: string): Promise<void> {
  if (!PIN_PATTERN.test(pin)) throw new Error('offline PIN must be 4 to 6 digits');
  const meta = await liveMeta();
  if (!meta || !(await currentKey(meta)) || !held) throw new Error('offline store closed');
  const salt = crypto.getRandomValues(new Uint8Array(16));
  const sealed = await seal(await pinKey(pin, salt, PIN_ROUNDS), held.raw);
  await writeMeta({ ...meta, pin: { salt, rounds: PIN_ROUNDS, ...sealed }, wrongPins: 0 });
}

/** Opens a locked store with the PIN; the fifth wrong PIN in a row wipes it. */
export async function unlockWithPin(pin: string): Promise<PinAnswer> {
  const meta = await liveMeta();
  if (!meta?.pin) return { outcome: 'wiped' };
  const raw = PIN_PATTERN.test(pin) ? await unseal(await pinKey(pin, meta.pin.salt, meta.pin.rounds), meta.pin) : null;
  if (raw) {
    await hold(raw);
    if (meta.wrongPins) await writeMeta({ ...meta, wrongPins: 0 });
    return { outcome: 'open' };
  }
  const wrongPins = meta.wrongPins + 1;
  if (wrongPins >= PIN_TRIES) {
    await wipeOfflineStore();
    return { outcome: 'wiped' };
  }
  await writeMeta({ ...meta, wrongPins });
  return { outcome: 'wrong', triesLeft: PIN_TRIES - wrongPins };
}

export async function sealValue(name: string, value: unknown): Promise<void> {
  const key = await currentKey(await liveMeta());
  if (!key) throw new Error('offline store closed');
  const sealed = await seal(key, new TextEncoder().encode(JSON.stringify(value)));
  await withStore('readwrite', (s) => s.put(sealed, name));
}

export async function openValue<T>(name: string): Promise<T | undefined> {
  const key = await currentKey(await liveMeta());
  if (!key) return undefined;
  const sealed = (await withStore('readonly', (s) => s.get(name))) as Sealed | undefined;
  if (!sealed) return undefined;
  const plain = await unseal(key, sealed);
  if (!plain) {
    await wipeOfflineStore();
    return undefined;
  }
  return JSON.parse(new TextDecoder().decode(plain)) as T;
}
