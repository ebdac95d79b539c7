'use strict';
// Runs node-flinks' documented flow (authorize -> GetAccountsDetail -> poll Async -> data, summary, statements,
// live refresh with MFA, documented error codes, webhook signature check) against a running flinks4j sandbox.
// The library is used as published; only its got instance is pointed at the sandbox (it hard-codes
// https://{instance}-api.private.fin.ag) and, in "current" mode, given the credentials it has no option for.
// Env: SANDBOX_URL (http://127.0.0.1:PORT), SANDBOX_MODE (old-instance | current).
const assert = require('node:assert/strict');
const http = require('node:http');
const FlinksClient = require('node-flinks').default;
const { isMessageValid } = require('node-flinks');

const root = process.env.SANDBOX_URL;
const mode = process.env.SANDBOX_MODE || 'current';
const customerId = process.env.FLINKS_CUSTOMER_ID || '43387ca6-0391-4c82-857d-70d95f087ecb';
const secretKey = process.env.FLINKS_SECRET_KEY || 'c4569c54-e167-4d34-8de6-f4113bc82414';
const apiKey = process.env.FLINKS_API_KEY || '3d5266a8-b697-48d4-8de6-52e2e2662acc';
const webhookKey = process.env.FLINKS_WEBHOOK_KEY || 'flinks4j-sandbox-webhook-key';
const api = `${root}/v3/${customerId}/BankingServices`;
const MFA_ANSWERS = {
  'What city were you born in?': 'Montreal',
  'What is the best country on earth?': 'Canada',
  'What shape do people like most?': 'Triangle',
};

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const results = [];

async function step(name, fn, kind = 'PASS') {
  try {
    const note = await fn();
    results.push({ name, ok: true });
    console.log(`${kind} [${mode}] ${name}${note ? ` (${note})` : ''}`);
  } catch (e) {
    results.push({ name, ok: false });
    console.log(`FAIL [${mode}] ${name}: ${e && e.stack ? e.stack.split('\n').slice(0, 3).join(' | ') : e}`);
  }
}

async function mintToken() {
  const res = await fetch(`${api}/GenerateAuthorizeToken`, { method: 'POST', headers: { 'flinks-auth-key': secretKey } });
  const body = await res.json();
  assert.equal(res.status, 200, JSON.stringify(body));
  return body.Token;
}

function client() {
  const flinks = new FlinksClient('toolbox', customerId);
  const extension = { prefixUrl: `${root}/v3/${customerId}` };
  if (mode === 'current') {
    // node-flinks predates authorize tokens and x-api-key: add them the way a user of the library would have to.
    extension.hooks = {
      beforeRequest: [
        async (options) => {
          if (options.url.pathname.endsWith('/Authorize')) {
            options.headers['flinks-auth-key'] = await mintToken();
          } else {
            options.headers['x-api-key'] = apiKey;
          }
        },
      ],
    };
  }
  flinks.client = flinks.client.extend(extension);
  return flinks;
}

async function poll(call, requestId) {
  for (let attempt = 1; attempt <= 60; attempt++) {
    const r = await call({ requestId });
    if (r.httpStatusCode === 200) return { body: r, attempts: attempt };
    assert.equal(r.httpStatusCode, 202, JSON.stringify(r));
    assert.match(r.flinksCode, /^OPERATION_(PENDING|DISPATCHED)$/);
    await sleep(500);
  }
  throw new Error('still 202 after 60 polls');
}

async function expectFlinksError(promise, status, code) {
  try {
    const r = await promise;
    assert.fail(`expected ${status} ${code}, got ${JSON.stringify(r).slice(0, 300)}`);
  } catch (e) {
    if (e.name !== 'FlinksError') throw e;
    assert.equal(e.flinksCode, code, e.message);
    assert.equal(e.httpStatusCode, status, e.message);
    return `${e.httpStatusCode} ${e.flinksCode}`;
  }
}

function checkDetail(body, loginId) {
  assert.equal(body.httpStatusCode, 200);
  assert.equal(body.login.id, loginId);
  assert.match(String(body.login.lastRefresh), /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6,7}$/);
  assert.equal(body.institution, 'FlinksCapital');
  assert.ok(body.accounts.length > 0, 'no accounts');
  let transactions = 0;
  for (const a of body.accounts) {
    assert.ok(a.id && a.title && a.currency, JSON.stringify(a).slice(0, 200));
    assert.ok(a.balance && 'current' in a.balance, 'balance');
    assert.ok(a.holder && a.holder.name, 'holder');
    assert.ok(Array.isArray(a.transactions));
    for (const t of a.transactions) {
      assert.match(t.date, /^\d{4}-\d\d-\d\d$/);
      assert.ok(t.id && typeof t.description === 'string');
      assert.ok(t.debit !== null || t.credit !== null);
    }
    transactions += a.transactions.length;
  }
  assert.ok(transactions > 0, 'no transactions');
  return `${body.accounts.length} accounts, ${transactions} transactions`;
}

async function detailFlow(flinks, authorizeOptions, loginId) {
  const auth = await flinks.authorize(authorizeOptions);
  assert.equal(auth.httpStatusCode, 200, JSON.stringify(auth));
  assert.ok(auth.requestId);
  const first = await flinks.getAccountsDetail({
    requestId: auth.requestId, withTransactions: true, withAccountIdentity: true, withKYC: true,
    daysOfTransactions: 'Days90',
  });
  assert.equal(first.httpStatusCode, 202, JSON.stringify(first).slice(0, 300));
  assert.equal(first.requestId, auth.requestId);
  const { body, attempts } = await poll((o) => flinks.getAccountsDetailAsync(o), auth.requestId);
  return `${first.flinksCode}, ${attempts} polls, ${checkDetail(body, loginId || auth.login.id)}`;
}

async function main() {
  assert.equal((await fetch(`${root}/sandbox/reset`, { method: 'POST' })).status, 204);
  const logins = Object.fromEntries(
    (await (await fetch(`${root}/sandbox/logins`)).json()).map((l) => [l.username, l.loginId]));
  const flinks = client();

  await step('cached authorize + GetAccountsDetail 202 + POST Async poll -> 200 (greatday_nomfa)', () =>
    detailFlow(flinks, { loginId: logins.greatday_nomfa }, logins.greatday_nomfa));
  await step('cached authorize + GetAccountsDetail + poll (Greatday)', () =>
    detailFlow(flinks, { loginId: logins.Greatday, mostRecentCached: true }, logins.Greatday));

  await step('GetAccountsSummary + POST GetAccountsSummaryAsync poll', async () => {
    const auth = await flinks.authorize({ loginId: logins.greatday_nomfa });
    const first = await flinks.getAccountsSummary({ requestId: auth.requestId });
    const { body, attempts } = first.httpStatusCode === 200 ? { body: first, attempts: 0 }
      : await poll((o) => flinks.getAccountsSummaryAsync(o), auth.requestId);
    assert.ok(body.accounts.length > 0);
    for (const a of body.accounts) {
      assert.ok(a.id && a.balance && typeof a.eftEligibleRatio === 'number', JSON.stringify(a).slice(0, 200));
      assert.equal(a.transactions, undefined);
    }
    return `first ${first.httpStatusCode}, ${attempts} polls, ${body.accounts.length} accounts`;
  });

  await step('GetStatements after the data is ready -> PDF', async () => {
    const auth = await flinks.authorize({ loginId: logins.greatday_nomfa });
    await flinks.getAccountsDetail({ requestId: auth.requestId });
    await poll((o) => flinks.getAccountsDetailAsync(o), auth.requestId);
    const st = await flinks.getStatements({ requestId: auth.requestId, numberOfStatements: 'Months3' });
    assert.equal(st.httpStatusCode, 200, JSON.stringify(st).slice(0, 300));
    let pdfs = 0;
    for (const acc of st.statementsByAccount) {
      for (const s of acc.statements) {
        assert.equal(s.fileType, 'PDF');
        assert.equal(Buffer.from(s.base64Bytes, 'base64').subarray(0, 5).toString(), '%PDF-');
        pdfs++;
      }
    }
    assert.ok(pdfs > 0);
    return `${pdfs} PDFs`;
  });

  await step('GetStatements on a fresh session -> 202, then getStatementsAsync (not in the reference) -> 404', async () => {
    const auth = await flinks.authorize({ loginId: logins.greatday_nomfa });
    const st = await flinks.getStatements({ requestId: auth.requestId, numberOfStatements: 'MostRecent' });
    if (st.httpStatusCode === 200) return 'data was already ready: 200 at once';
    assert.equal(st.httpStatusCode, 202);
    await expectFlinksError(flinks.getStatementsAsync({ requestId: auth.requestId }), 404, undefined);
    return '202, then 404 from the Async path; GetStatements again once ready gives 200';
  }, 'KNOWN');

  await step('live refresh without MFA (greatday_nomfa, Save:true)', () =>
    detailFlow(flinks, { loginId: logins.greatday_nomfa, mostRecentCached: false, save: true }, logins.greatday_nomfa));

  await step('legacy live login by Institution/Username/Password (greatday_nomfa)', () =>
    detailFlow(flinks, { institution: 'FlinksCapital', username: 'greatday_nomfa', password: 'Everyday',
      mostRecentCached: false, save: true }));

  await step('live refresh with MFA (Greatday): 203 -> answers -> 200 -> data', async () => {
    let r = await flinks.authorize({ loginId: logins.Greatday, mostRecentCached: false, save: true });
    assert.equal(r.httpStatusCode, 203, JSON.stringify(r));
    const requestId = r.requestId;
    // node-flinks pascal-cases every key of the body, the prompts inside SecurityResponses included, so the
    // keys no longer match the prompts: Flinks documents UNKNOWN_CHALLENGE_KEY for that.
    const mangled = await expectFlinksError(flinks.authorize({ requestId, securityResponses: answersFor(r) }),
      401, 'UNKNOWN_CHALLENGE_KEY');
    // Answer with the exact prompts over plain HTTP (same session), then continue with the library.
    let rounds = 0;
    while (r.httpStatusCode === 203) {
      rounds++;
      const headers = { 'content-type': 'application/json' };
      if (mode === 'current') headers['flinks-auth-key'] = await mintToken();
      const res = await fetch(`${api}/Authorize`, { method: 'POST', headers,
        body: JSON.stringify({ RequestId: requestId, SecurityResponses: pascalAnswers(r) }) });
      const body = await res.json();
      assert.equal(res.status, body.HttpStatusCode);
      r = { httpStatusCode: body.HttpStatusCode, requestId: body.RequestId,
        securityChallenges: (body.SecurityChallenges || []).map((c) => ({ type: c.Type, prompt: c.Prompt })) };
      assert.ok(rounds < 5 && (r.httpStatusCode === 200 || r.httpStatusCode === 203), JSON.stringify(body));
    }
    assert.equal(r.requestId, requestId);
    const first = await flinks.getAccountsDetail({ requestId });
    assert.equal(first.httpStatusCode, 202);
    const { body, attempts } = await poll((o) => flinks.getAccountsDetailAsync(o), requestId);
    return `library answer -> ${mangled} (known), ${rounds} MFA round(s) by prompt, ${attempts} polls, ${checkDetail(body, logins.Greatday)}`;
  });

  await step('test_dispatched: 202 OPERATION_DISPATCHED then poll -> 200', async () => {
    const auth = await flinks.authorize({ loginId: logins.test_dispatched });
    const first = await flinks.getAccountsDetail({ requestId: auth.requestId });
    assert.equal(first.flinksCode, 'OPERATION_DISPATCHED');
    const { attempts } = await poll((o) => flinks.getAccountsDetailAsync(o), auth.requestId);
    return `${first.accounts ? first.accounts.length : 0} partial account(s), ${attempts} polls`;
  });
  await step('test_pending: 202 OPERATION_PENDING then poll -> 200', () =>
    detailFlow(flinks, { loginId: logins.test_pending }, logins.test_pending));
  await step('test_disabled_account live -> FlinksError DISABLED_LOGIN', () =>
    expectFlinksError(flinks.authorize({ loginId: logins.test_disabled_account, mostRecentCached: false, save: true }),
      401, 'DISABLED_LOGIN'));
  await step('test_service_unavailable live -> FlinksError RETRY_LATER', () =>
    expectFlinksError(flinks.authorize({ loginId: logins.test_service_unavailable, mostRecentCached: false, save: true }),
      401, 'RETRY_LATER'));
  await step('unknown loginId -> FlinksError INVALID_LOGIN', () =>
    expectFlinksError(flinks.authorize({ loginId: '00000000-0000-0000-0000-000000000000' }), 401, 'INVALID_LOGIN'));
  await step('unknown requestId on Async -> FlinksError SESSION_NONEXISTENT', () =>
    expectFlinksError(flinks.getAccountsDetailAsync({ requestId: '11111111-1111-1111-1111-111111111111' }),
      400, 'SESSION_NONEXISTENT'));
  await step('accessToken option (Bearer header + AccessToken body key) is ignored', async () => {
    const auth = await flinks.authorize({ loginId: logins.greatday_nomfa, accessToken: 'not-used-by-flinks4j' });
    assert.equal(auth.httpStatusCode, 200);
  });
  await step('OAuth token() (/BankingServices/Token, not in the reference) -> FlinksError 404', async () => {
    try {
      await flinks.token({ clientId: customerId, secret: secretKey });
      assert.fail('token() should not succeed');
    } catch (e) {
      assert.equal(e.name, 'FlinksError', String(e));
      assert.equal(e.httpStatusCode, 404);
      return '404 with a Flinks envelope';
    }
  }, 'KNOWN');

  await step('webhook signed by the sandbox verifies with node-flinks isMessageValid', () => webhookCheck(flinks, logins));

  const failed = results.filter((r) => !r.ok).length;
  console.log(`[${mode}] ${results.length - failed}/${results.length} steps passed`);
  process.exit(failed === 0 ? 0 : 1);
}

function answersFor(r) {
  return Object.fromEntries(r.securityChallenges.map((c) => [c.prompt, [MFA_ANSWERS[c.prompt]]]));
}
const pascalAnswers = answersFor;

async function webhookCheck(flinks, logins) {
  const received = [];
  const server = http.createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      received.push({ headers: req.headers, raw: Buffer.concat(chunks).toString('utf8') });
      res.writeHead(200).end();
    });
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  try {
    const url = `http://127.0.0.1:${server.address().port}/flinks`;
    const put = await fetch(`${root}/sandbox/webhooks/config`, { method: 'PUT',
      headers: { 'content-type': 'application/json' }, body: JSON.stringify({ urls: [url] }) });
    assert.equal(put.status, 200);
    await detailFlow(flinks, { loginId: logins.greatday_nomfa, mostRecentCached: false, save: true },
      logins.greatday_nomfa);
    for (let i = 0; i < 40 && received.length === 0; i++) await sleep(250);
    assert.ok(received.length > 0, 'no webhook received');
    const hook = received[0];
    const signature = hook.headers['flinks-authenticity-key'];
    assert.ok(signature, 'no flinks-authenticity-key header');
    assert.ok(isMessageValid(hook.raw, signature, webhookKey), 'signature does not verify');
    assert.ok(!isMessageValid(hook.raw + ' ', signature, webhookKey), 'tampered body verifies');
    return `${JSON.parse(hook.raw).ResponseType} webhook verified`;
  } finally {
    await fetch(`${root}/sandbox/webhooks/config`, { method: 'PUT',
      headers: { 'content-type': 'application/json' }, body: JSON.stringify({ urls: [] }) });
    server.close();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
