/**
 * mobileauth.js, the browser side of MobileAuth TW (行動電話認證): an ES module with no dependencies.
 * Keeps this browser's NON-EXTRACTABLE ECDSA P-256 device key in IndexedDB (database "mobileauth", store
 * "keys", records "pending" and "bound") and builds the JSON for EnrollmentApplication.fromJson and
 * LoginAttempt.fromJson, signing exactly SignedMessages' bytes for window.location.origin. Binary members
 * are unpadded base64url; signatures are WebCrypto's 64-byte P1363. See docs/browser-client.md.
 * @module mobileauth
 */
const DB_NAME = "mobileauth", STORE = "keys", PENDING = "pending", BOUND = "bound";
const ENROL_TAG = "mobileauth-tw/enrol/v1", LOGIN_TAG = "mobileauth-tw/login/v1";
const KEY_ALGORITHM = { name: "ECDSA", namedCurve: "P-256" }, SIGNATURE_ALGORITHM = { name: "ECDSA", hash: "SHA-256" };
/** The members this module adds; a page that sets them itself has a bug. */
const APPLICATION_OWN = ["devicePublicKey", "proofOfPossession"], LOGIN_OWN = ["credentialId", "challengeId", "signature"];
const utf8 = new TextEncoder();
/** The fixed-text errors, zh-TW then English, each saying what to do. */
const MESSAGES = {
  MISSING_CHALLENGE: "缺少挑戰值，請重新載入頁面。 The challenge is missing: pass fields.challenge = FormChallenge.challenge()"
      + " to application(), {id: LoginChallenge.id(), nonce: nonceBase64Url()} to loginAttempt().",
  NO_PENDING_KEY: "此瀏覽器沒有待綁定的金鑰，請在送出申請的同一瀏覽器完成綁定。"
      + " This browser holds no pending key: call application() in this browser before rememberCredential().",
  NOT_BOUND: "此瀏覽器尚未綁定行動電話認證憑證，請先以此瀏覽器申請。"
      + " This browser holds no bound key: enrol with mobile phone authentication in this browser first.",
  INSECURE_CONTEXT: "此頁面必須以 HTTPS 開啟才能使用裝置金鑰。"
      + " WebCrypto needs a secure context: serve the page over HTTPS (or http://localhost).",
  STORAGE_FAILED: "瀏覽器無法儲存金鑰（私密瀏覽或儲存空間已滿？）。"
      + " IndexedDB is unavailable: private browsing or full storage? Use a normal window.",
};

/** The one error type this module throws; `code` is stable, `message` is zh-TW then English. */
export class MobileAuthError extends Error {
  /**
   * @param {string} code e.g. "NOT_BOUND", "NO_PENDING_KEY", "MISSING_CHALLENGE", "BAD_FIELD"
   * @param {string} message what went wrong and what to do, in zh-TW and English
   * @param {*} [cause] the underlying browser error, if any
   */
  constructor(code, message, cause) {
    super(message, cause === undefined ? undefined : { cause });
    this.name = "MobileAuthError";
    this.code = code;
  }
}

/**
 * Builds the application JSON object for EnrollmentApplication.fromJson. Creates a NEW
 * non-extractable P-256 key, stores it as this browser's pending key (replacing any earlier
 * pending one; a bound key stays as it is) and adds devicePublicKey and proofOfPossession.
 * @param {Object<string,string>} fields the form members as strings, including `challenge`
 *   (FormChallenge.challenge(), base64url)
 * @returns {Promise<Object<string,string>>} the object to post as JSON
 * @throws {MobileAuthError} BAD_FIELD, MISSING_CHALLENGE, BAD_CHALLENGE, INSECURE_CONTEXT, STORAGE_FAILED
 */
export async function application(fields) {
  const body = stringFields(fields, APPLICATION_OWN);
  if (!body.challenge) throw failure("MISSING_CHALLENGE");
  const challenge = base64UrlDecode(body.challenge, "challenge", 16, 64);
  const subtle = webCrypto();
  const keyPair = await subtle.generateKey(KEY_ALGORITHM, false, ["sign"]);
  const spki = new Uint8Array(await subtle.exportKey("spki", keyPair.publicKey));
  const proof = await sign(keyPair, enrolmentMessage(challenge, spki, globalThis.location.origin));
  await transact("readwrite", (store) => store.put({ keyPair, credentialId: null }, PENDING));
  return { ...body, devicePublicKey: base64UrlEncode(spki), proofOfPossession: base64UrlEncode(proof) };
}

/**
 * Binds the pending key to the credential the enrolment issued, once the desktop sees the
 * enrolment Completed. Replaces an earlier bound key.
 * @param {string} credentialId EnrollmentStatus.Completed's credential id (`mat_…`)
 * @returns {Promise<void>}
 * @throws {MobileAuthError} BAD_ARGUMENT, NO_PENDING_KEY (application() was not called in this browser)
 */
export async function rememberCredential(credentialId) {
  text(credentialId, "credentialId");
  await transact("readwrite", (store, tx, outcome) => {
    const pending = store.get(PENDING);
    pending.onsuccess = () => {
      if (!pending.result) {
        outcome.error = failure("NO_PENDING_KEY");
        return tx.abort();
      }
      store.put({ keyPair: pending.result.keyPair, credentialId }, BOUND);
      store.delete(PENDING);
    };
  });
}

/**
 * The credential id this browser is bound to.
 * @returns {Promise<string|null>} the id, or null when this browser holds no bound key
 */
export async function boundCredential() {
  const bound = await read(BOUND);
  return bound ? bound.credentialId : null;
}

/**
 * Builds the login JSON object for LoginAttempt.fromJson: the fields plus credentialId,
 * challengeId and the bound key's signature over SignedMessages.login(nonce, credentialId, origin).
 * @param {Object<string,string>} fields {nationalId, birthDate, name, password}, as typed
 * @param {{id: string, nonce: string}} challenge LoginChallenge.id() and nonceBase64Url()
 * @returns {Promise<Object<string,string>>} the object to post as JSON
 * @throws {MobileAuthError} BAD_FIELD, MISSING_CHALLENGE, BAD_CHALLENGE, NOT_BOUND, INSECURE_CONTEXT
 */
export async function loginAttempt(fields, challenge) {
  const body = stringFields(fields, LOGIN_OWN);
  if (challenge === null || typeof challenge !== "object" || !challenge.id || !challenge.nonce) {
    throw failure("MISSING_CHALLENGE");
  }
  const challengeId = text(challenge.id, "challenge.id", "BAD_CHALLENGE");
  const nonce = base64UrlDecode(challenge.nonce, "challenge.nonce", 32, 32);
  webCrypto();
  const bound = await read(BOUND);
  if (!bound) throw failure("NOT_BOUND");
  const signature = await sign(bound.keyPair, loginMessage(nonce, bound.credentialId, globalThis.location.origin));
  return { ...body, credentialId: bound.credentialId, challengeId, signature: base64UrlEncode(signature) };
}

/**
 * Deletes this browser's pending and bound keys and its credential id.
 * @returns {Promise<void>}
 */
export async function forget() {
  await transact("readwrite", (store) => store.clear());
}

/**
 * The exact bytes of SignedMessages.enrollment: "mobileauth-tw/enrol/v1" ‖ 0x00 ‖ field(challenge)
 * ‖ field(spki) ‖ field(UTF-8(origin)), each field a 4-byte big-endian length and the bytes.
 * @param {Uint8Array|ArrayBuffer} challengeBytes the decoded enrolment challenge, 16–64 bytes
 * @param {Uint8Array|ArrayBuffer} spkiBytes the device public key's SPKI
 * @param {string} origin e.g. "https://portal.example.tw"
 * @returns {Uint8Array}
 */
export function enrolmentMessage(challengeBytes, spkiBytes, origin) {
  const challenge = bytes(challengeBytes, "challengeBytes");
  if (challenge.length < 16 || challenge.length > 64) throw badArgument("challengeBytes", `must be 16–64 bytes, was ${challenge.length}`);
  return frame(ENROL_TAG, challenge, bytes(spkiBytes, "spkiBytes"), utf8.encode(text(origin, "origin")));
}

/**
 * The exact bytes of SignedMessages.login: "mobileauth-tw/login/v1" ‖ 0x00 ‖ field(nonce)
 * ‖ field(UTF-8(credentialId)) ‖ field(UTF-8(origin)).
 * @param {Uint8Array|ArrayBuffer} nonceBytes the login nonce, exactly 32 bytes
 * @param {string} credentialId e.g. "mat_…"
 * @param {string} origin e.g. "https://portal.example.tw"
 * @returns {Uint8Array}
 */
export function loginMessage(nonceBytes, credentialId, origin) {
  const nonce = bytes(nonceBytes, "nonceBytes");
  if (nonce.length !== 32) throw badArgument("nonceBytes", `must be 32 bytes, was ${nonce.length}`);
  return frame(LOGIN_TAG, nonce, utf8.encode(text(credentialId, "credentialId")), utf8.encode(text(origin, "origin")));
}

function frame(tag, ...fields) {
  const parts = [utf8.encode(tag), new Uint8Array([0])];
  for (const field of fields) {
    const length = new Uint8Array(4);
    new DataView(length.buffer).setUint32(0, field.length); // big-endian
    parts.push(length, field);
  }
  const out = new Uint8Array(parts.reduce((n, part) => n + part.length, 0));
  parts.reduce((at, part) => { out.set(part, at); return at + part.length; }, 0);
  return out;
}

function stringFields(fields, own) {
  if (fields === null || typeof fields !== "object" || Array.isArray(fields)) {
    throw new MobileAuthError("BAD_FIELD", "表單資料格式錯誤。 fields must be an object of strings.");
  }
  const body = {}; // a copy: the caller's object is never changed
  for (const [name, value] of Object.entries(fields)) {
    if (own.includes(name)) {
      throw new MobileAuthError("BAD_FIELD", `欄位 ${name} 由 mobileauth.js 產生，請勿自行填入。`
          + ` The member ${name} is added by mobileauth.js: leave it out of fields.`);
    }
    if (typeof value !== "string") {
      throw new MobileAuthError("BAD_FIELD", `欄位 ${name} 必須是文字。`
          + ` The member ${name} must be a string, was ${value === null ? "null" : typeof value}.`);
    }
    body[name] = value;
  }
  return body;
}

function text(value, name, code = "BAD_ARGUMENT") {
  if (typeof value !== "string" || value.length === 0 || (value.isWellFormed && !value.isWellFormed())) {
    throw new MobileAuthError(code, `${name} 必須是非空白的文字。 ${name} must be a non-empty, well-formed string.`);
  }
  return value;
}

function bytes(value, name) {
  if (value instanceof Uint8Array) return value;
  if (value instanceof ArrayBuffer) return new Uint8Array(value);
  if (ArrayBuffer.isView(value)) return new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
  throw badArgument(name, "must be a Uint8Array or an ArrayBuffer");
}

function badArgument(name, why) {
  return new MobileAuthError("BAD_ARGUMENT", `參數 ${name} 不正確。 ${name} ${why}.`);
}

function base64UrlEncode(data) {
  let binary = "";
  for (const b of new Uint8Array(data)) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

function base64UrlDecode(value, name, min, max) {
  const wrong = new MobileAuthError("BAD_CHALLENGE", `${name} 格式錯誤，請重新載入頁面。`
      + ` ${name} must be base64url of ${min === max ? min : `${min}–${max}`} bytes, as the server sent it.`);
  if (typeof value !== "string" || !/^[A-Za-z0-9_\-+/]+={0,2}$/.test(value)) throw wrong;
  let decoded = "";
  try { decoded = atob(value.replace(/-/g, "+").replace(/_/g, "/").replace(/=+$/, "")); } catch (e) { /* below */ }
  if (decoded.length < min || decoded.length > max) throw wrong;
  return Uint8Array.from(decoded, (c) => c.charCodeAt(0));
}

function webCrypto() {
  if (!globalThis.isSecureContext || !globalThis.crypto || !globalThis.crypto.subtle) throw failure("INSECURE_CONTEXT");
  return globalThis.crypto.subtle;
}

async function sign(keyPair, message) {
  return new Uint8Array(await webCrypto().sign(SIGNATURE_ALGORITHM, keyPair.privateKey, message));
}

/** The record stored under `key`, or null. */
function read(key) {
  return transact("readonly", (store, tx, outcome) => {
    const request = store.get(key);
    request.onsuccess = () => { outcome.value = request.result || null; };
  });
}

function failure(code, cause) {
  return new MobileAuthError(code, MESSAGES[code], cause);
}

function openDb() {
  return new Promise((resolve, reject) => {
    if (!globalThis.indexedDB) return reject(failure("STORAGE_FAILED"));
    const request = indexedDB.open(DB_NAME, 1);
    request.onupgradeneeded = () => request.result.createObjectStore(STORE);
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(failure("STORAGE_FAILED", request.error));
    request.onblocked = () => reject(failure("STORAGE_FAILED"));
  });
}

/** Runs `work(store, tx, outcome)` in one transaction; resolves outcome.value, rejects outcome.error on abort. */
async function transact(mode, work) {
  const db = await openDb();
  try { // one connection per call: nothing stays open to block another tab's upgrade or delete
    return await new Promise((resolve, reject) => {
      const tx = db.transaction(STORE, mode);
      const outcome = { value: undefined, error: null };
      tx.oncomplete = () => resolve(outcome.value);
      tx.onabort = () => reject(outcome.error || failure("STORAGE_FAILED", tx.error));
      work(tx.objectStore(STORE), tx, outcome);
    });
  } finally {
    db.close();
  }
}
