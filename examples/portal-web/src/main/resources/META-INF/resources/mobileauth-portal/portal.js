// The demo portal's page script (no inline scripts: the CSP is script-src 'self').
// It loads the SDK's browser client from the path the page names in <body data-mobileauth>.
const $ = (sel) => document.querySelector(sel);
const csrf = () => document.querySelector('meta[name="csrf-token"]').content;
const en = () => document.body.dataset.lang === 'en';
let clientPromise;
const client = () => (clientPromise ??= import(document.body.dataset.mobileauth));

async function postJson(url, body) {
  const res = await fetch(url, {
    method: 'POST', credentials: 'same-origin',
    headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': csrf() },
    body: JSON.stringify(body ?? {}),
  });
  return { ok: res.ok, json: await res.json() };
}

function showError(error) {
  const box = $('#formError');
  box.replaceChildren();
  const reason = document.createElement('p'); reason.id = 'error'; reason.textContent = error.reason;
  const remedy = document.createElement('p'); remedy.id = 'remedy'; remedy.textContent = error.remedy;
  box.append(reason, remedy);
  if (error.lockout) {
    const lockout = document.createElement('p'); lockout.id = 'lockout'; lockout.className = 'lockout';
    lockout.textContent = error.lockout; box.append(lockout);
  }
  if (error.fields && error.fields.length) {
    const ul = document.createElement('ul'); ul.className = 'field-errors';
    for (const f of error.fields) {
      const li = document.createElement('li'); li.dataset.field = f.field; li.textContent = f.message; ul.append(li);
    }
    box.append(ul);
  }
  box.hidden = false;
  box.setAttribute('role', 'alert');
}

function formFields(form) {
  const fields = {};
  for (const [k, v] of new FormData(form).entries()) fields[k] = String(v);
  return fields;
}

function setCaptcha(id, image) {
  $('#captchaId').value = id; $('#captchaImage').src = image; $('#captchaAnswer').value = '';
}

function applicationPage() {
  const form = $('#applicationForm');
  $('#regenerateCaptcha').addEventListener('click', async () => {
    const r = await postJson('/api/captcha', { captchaId: $('#captchaId').value });
    if (r.ok) setCaptcha(r.json.captchaId, r.json.captchaImage); else showError(r.json.error);
  });
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    $('#submit').disabled = true;
    try {
      const mobileauth = await client();
      const fields = formFields(form);
      fields.challenge = form.dataset.challenge;
      const body = await mobileauth.application(fields);
      const r = await postJson('/api/enrol/apply', body);
      if (r.ok) { location.assign(r.json.next); return; }
      showError(r.json.error);
      if (r.json.fresh) { form.dataset.challenge = r.json.fresh.challenge; setCaptcha(r.json.fresh.captchaId, r.json.fresh.captchaImage); }
    } catch (e) {
      showError({ reason: e.message, remedy: en() ? 'Reload the page and try again.' : '請重新整理頁面後再試。' });
    } finally {
      $('#submit').disabled = false;
    }
  });
}

function qrPage() {
  const countdown = $('#countdown');
  let expires = Date.parse(countdown.dataset.expiresAt);
  const tick = () => {
    const left = Math.max(0, Math.round((expires - Date.now()) / 1000));
    countdown.textContent = `${Math.floor(left / 60)}:${String(left % 60).padStart(2, '0')}`;
  };
  tick();
  const ticker = setInterval(tick, 1000);
  const poll = async () => {
    const res = await fetch('/api/enrol/status', { credentials: 'same-origin' });
    const s = await res.json();
    if (!res.ok) { $('#enrolState').textContent = `${s.error.reason} ${s.error.remedy}`; return; }
    if (typeof s.qrSecondsLeft === 'number') {
      // The server's clock is the one that counts: re-sync the countdown with it.
      expires = Date.now() + s.qrSecondsLeft * 1000; tick();
      $('#qrExpired').hidden = s.qrSecondsLeft > 0;
    }
    if (s.pairingCode) $('#pairingCode').textContent = s.pairingCode;
    if (s.state === 'COMPLETED') {
      clearInterval(ticker);
      const mobileauth = await client();
      await mobileauth.rememberCredential(s.credentialId);
      $('#enrolled').hidden = false;
      return;
    }
    if (s.reason) { $('#enrolState').textContent = `${s.reason} ${s.remedy}`; if (s.state !== 'AWAITING_DEVICE') return; }
    setTimeout(poll, 1500);
  };
  poll();
}

async function callbackPage() {
  const id = $('#result').dataset.credentialId;
  if (id) {
    const mobileauth = await client();
    await mobileauth.rememberCredential(id);
    $('#enrolled').hidden = false;
  }
}

function loginPage() {
  const form = $('#loginForm');
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    $('#loginButton').disabled = true;
    try {
      const mobileauth = await client();
      const c = await postJson('/api/login/challenge', {});
      if (!c.ok) { showError(c.json.error); return; }
      const body = await mobileauth.loginAttempt(formFields(form), c.json);
      const r = await postJson('/api/login', body);
      if (r.ok) location.assign(r.json.next); else showError(r.json.error);
    } catch (e) {
      if (e.code === 'NOT_BOUND') {
        showError({ reason: en() ? 'This browser holds no mobile authentication key.' : '這個瀏覽器沒有綁定行動電話認證。',
          remedy: en() ? 'Log in on the browser you applied with, or apply again on this one.' : '請使用申請時的瀏覽器登入，或在本瀏覽器重新申請。' });
      } else {
        showError({ reason: e.message, remedy: en() ? 'Reload the page and try again.' : '請重新整理頁面後再試。' });
      }
    } finally {
      $('#loginButton').disabled = false;
    }
  });
}

function noticePage() {
  const text = $('#noticeText');
  const check = () => { if (text.scrollTop + text.clientHeight >= text.scrollHeight - 2) $('#accept').disabled = false; };
  text.addEventListener('scroll', check);
  check();
}

if ($('#applicationForm')) applicationPage();
if ($('#qrCode')) qrPage();
if ($('#result')) callbackPage();
if ($('#loginForm')) loginPage();
if ($('#noticeText')) noticePage();
