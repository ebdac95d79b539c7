// flinks4j sync dashboard: plain DOM, no dependencies; ES modules served by the service itself.
import { balanceChart } from '/dashboard/chart.js';
import { closeConnect, openConnect } from '/dashboard/connect.js';
import { deadLetters } from '/dashboard/deadletters.js';
import { listen } from '/dashboard/live.js';
import { mfaRow } from '/dashboard/mfa.js';
import { timelines } from '/dashboard/timeline.js';
import {
  $, KEY_ITEM, api, attempt, el, loginPath, money, onUnauthorized, safeUrl, setStatus, showError, stateClass, text,
  time,
} from '/dashboard/common.js';

(() => {
  const IN_FLIGHT = new Set(['requested', 'authorizing', 'processing']);
  const POLL_MS = 2000;
  const PAGE_SIZE = 50;

  const view = {
    logins: [],
    rendered: '',        // JSON of the rendered login list: re-render only on change, so typing is not lost
    login: null,         // loginId whose accounts are shown
    loginVersion: '',    // its state and refresh time when its accounts were loaded
    account: null,       // account whose transactions and balances are shown
    drafts: new Map(),   // MFA answers typed so far, by loginId + prompt
    timer: null,
    seq: 0,              // latest login list request
    live: false,         // the event stream is connected: no polling
    stopLive: null,
    soon: null,          // a list reload asked by live events, coalesced
  };


  // ---- key -------------------------------------------------------------------------------------------------

  function login(key) {
    sessionStorage.setItem(KEY_ITEM, key);
    $('key-form').hidden = true;
    $('forget-key').hidden = false;
    $('main').hidden = false;
    view.stopLive = listen(onStep, (connected) => {
      view.live = connected;
      if (connected) refreshLogins(); // catch up on what happened while disconnected
    });
    refreshLogins();
    attempt(deadLetters, true);
  }

  /** A retrieval step from the event stream: reload the list (and the open login's timeline) shortly. */
  function onStep(step) {
    clearTimeout(view.soon);
    view.soon = setTimeout(refreshLogins, 150);
    if (step.loginId === view.login) loadTimeline(view.login);
  }

  function logout() {
    sessionStorage.removeItem(KEY_ITEM);
    clearTimeout(view.timer);
    if (view.stopLive) view.stopLive();
    Object.assign(view, { stopLive: null, live: false });
    closeConnect();
    view.seq++; // a list still on its way is dropped
    Object.assign(view, { logins: [], rendered: '', login: null, loginVersion: '', account: null });
    view.drafts.clear();
    $('logins').tBodies[0].replaceChildren(); // nothing read with the key stays in the page
    $('accounts').tBodies[0].replaceChildren();
    transactions.close();
    balances.close();
    $('balance-chart').replaceChildren();
    $('accounts-section').hidden = true;
    $('account-section').hidden = true;
    $('timeline').replaceChildren();
    $('dead-letters').tBodies[0].replaceChildren();
    $('dead-letters-section').hidden = true;
    $('main').hidden = true;
    $('forget-key').hidden = true;
    $('key-form').hidden = false;
    $('api-key').value = '';
  }

  // ---- logins ----------------------------------------------------------------------------------------------

  async function fetchLogins() {
    const all = [];
    let cursor = null;
    do {
      const page = await api('GET', '/v1/logins?limit=1000' + searchQuery()
        + (cursor ? '&cursor=' + encodeURIComponent(cursor) : ''));
      all.push(...page.data);
      cursor = page.nextCursor;
    } while (cursor && all.length < 10000);
    return all;
  }

  /** The search form as query parameters of GET /v1/logins (the service filters). */
  function searchQuery() {
    const fields = { loginId: 'search-login-id', tag: 'search-tag', institution: 'search-institution',
      state: 'search-state', reason: 'search-reason' };
    let query = '';
    for (const [param, id] of Object.entries(fields)) {
      const value = $(id).value.trim();
      if (value) query += '&' + param + '=' + encodeURIComponent(value);
    }
    return query;
  }

  function searching() {
    return searchQuery() !== '';
  }

  async function refreshLogins() {
    clearTimeout(view.timer);
    if (!sessionStorage.getItem(KEY_ITEM)) return; // the key was refused meanwhile
    const seq = ++view.seq;
    const logins = await attempt(fetchLogins, true);
    if (seq !== view.seq) return; // a later reload (after an action) is under way and wins
    if (logins === undefined) {
      view.timer = setTimeout(refreshLogins, POLL_MS * 2);
      return;
    }
    view.logins = logins;
    attempt(deadLetters, true); // a webhook may have been parked meanwhile
    const json = JSON.stringify(logins);
    if (json !== view.rendered) {
      view.rendered = json;
      renderLogins();
    }
    const selected = logins.find((l) => l.loginId === view.login);
    if (view.login !== null && !selected) {
      closeLogin();
    } else if (selected && version(selected) !== view.loginVersion) {
      openLogin(selected.loginId); // its retrieval moved on: show the new data
    }
    const running = logins.filter((l) => IN_FLIGHT.has(l.state)).length;
    setStatus(logins.length + ' login(s)' + (searching() ? ' matching the search' : '') + ', updated '
      + new Date().toLocaleTimeString() + (running ? ' · ' + running + ' retrieval(s) in flight' : '')
      + (view.live ? ' · live' : running ? ', refreshing every ' + POLL_MS / 1000 + ' s' : ''));
    if (running && !view.live) view.timer = setTimeout(refreshLogins, POLL_MS); // no stream: poll instead
  }

  const version = (l) => [l.state, l.stateUpdatedAt, l.lastRefresh].join('|');

  function renderLogins() {
    const rows = [];
    for (const l of view.logins) {
      rows.push(el('tr', { 'data-login-id': l.loginId, class: l.loginId === view.login ? 'selected' : null },
        el('td', {}, el('button', { type: 'button', class: 'link open', title: 'Show accounts',
          on: { click: () => openLogin(l.loginId) } }, l.loginId)),
        el('td', { class: 'tag' }, text(l.tag)),
        el('td', {}, text(l.institution)),
        el('td', {}, el('span', { class: stateClass(l.state), title: 'since ' + time(l.stateUpdatedAt) },
          l.state || 'none')),
        el('td', { class: 'last-refresh' }, time(l.lastRefresh)),
        el('td', { class: 'error-code', title: l.errorMessage || '' }, text(l.errorCode)),
        el('td', { class: 'actions' },
          actionButton('Refresh', 'refresh', () => refresh(l.loginId, false)),
          actionButton('Live refresh', 'refresh-live', () => refresh(l.loginId, true)),
          deleteButton(l.loginId))));
      if (l.state === 'mfa_required') {
        rows.push(mfaRow(l, view.drafts, (answers, keys) => answerMfa(l.loginId, answers, keys),
          () => relaunch(l.loginId)));
      }
    }
    if (rows.length === 0) {
      rows.push(el('tr', {}, el('td', { colspan: 7, class: 'muted' },
        searching() ? 'No login matches the search.' : 'No logins registered yet.')));
    }
    $('logins').tBodies[0].replaceChildren(...rows);
  }

  function actionButton(label, name, action) {
    return el('button', { type: 'button', name, on: { click: action } }, label);
  }

  /** Deleting is two clicks: the first arms the button for a few seconds. */
  function deleteButton(loginId) {
    const button = actionButton('Delete', 'delete', () => {
      if (!button.classList.contains('armed')) {
        button.classList.add('armed');
        button.textContent = 'Confirm delete';
        setTimeout(() => {
          button.classList.remove('armed');
          button.textContent = 'Delete';
        }, 4000);
        return;
      }
      remove(loginId);
    });
    button.classList.add('danger');
    return button;
  }

  // ---- actions ---------------------------------------------------------------------------------------------

  // After every write, even a refused or failed one, the list is reloaded: the retrieval may have moved on anyway
  // (e.g. answers reached Flinks before an error), and the list polls while a retrieval is in flight.

  async function register(event) {
    event.preventDefault();
    if (await registerLogin($('register-login-id').value.trim(), $('register-tag').value.trim())) {
      $('register-form').reset();
    }
  }

  /** Registers a login (its first retrieval starts) and opens it, so its data and timeline show as they come. */
  async function registerLogin(loginId, tag) {
    const body = tag ? { loginId, tag } : { loginId };
    const registered = await attempt(() => api('POST', '/v1/logins', body)) !== undefined;
    if (registered) {
      view.login = loginId;
      view.loginVersion = '';
    }
    await refreshLogins();
    if (registered) openLogin(loginId);
    return registered;
  }

  function connectBank() {
    const tag = $('register-tag').value.trim();
    openConnect({ tag, title: 'Connect a bank' }, (loginId) => registerLogin(loginId, tag));
  }

  /**
   * Reads the login for a relaunch URL minted for this click (its token is single-use, so lists carry none), then
   * opens it; after the customer answered in Connect, Flinks documents a cached read as the next step.
   */
  async function relaunch(loginId) {
    const login = await attempt(() => api('GET', loginPath(loginId)));
    const url = login && login.relaunchUrl ? safeUrl(login.relaunchUrl) : null;
    if (!url) {
      showError('No Connect link for this login: its retrieval is no longer waiting for answers.', false);
      return;
    }
    openConnect({ relaunchUrl: url, title: 'Finish the security questions in Connect' },
      () => refresh(loginId, false));
  }

  async function refresh(loginId, live) {
    await attempt(() => api('POST', loginPath(loginId) + '/refresh', { live }));
    await refreshLogins();
  }

  async function answerMfa(loginId, answers, draftKeys) {
    if (await attempt(() => api('POST', loginPath(loginId) + '/mfa', { answers })) !== undefined) {
      draftKeys.forEach((key) => view.drafts.delete(key));
    }
    await refreshLogins();
  }

  async function remove(loginId) {
    if (await attempt(() => api('DELETE', loginPath(loginId))) !== undefined && view.login === loginId) {
      closeLogin();
    }
    await refreshLogins();
  }

  // ---- accounts, transactions, balances --------------------------------------------------------------------

  function closeLogin() {
    view.login = null;
    view.account = null;
    $('accounts-section').hidden = true;
    $('account-section').hidden = true;
  }

  async function openLogin(loginId) {
    const selected = view.logins.find((l) => l.loginId === loginId);
    view.loginVersion = selected ? version(selected) : '';
    if (view.login !== loginId) {
      view.login = loginId;
      view.account = null;
      $('account-section').hidden = true;
      for (const row of $('logins').tBodies[0].rows) {
        row.classList.toggle('selected', row.dataset.loginId === loginId);
      }
    }
    const page = await attempt(() => api('GET', loginPath(loginId) + '/accounts'));
    if (page === undefined || view.login !== loginId) return;
    $('accounts-login').textContent = loginId;
    const rows = page.data.map((a) => el('tr', { 'data-account-id': a.id },
      el('td', { class: 'title' }, text(a.title)),
      el('td', {}, a.accountNumber ? a.accountNumber : a.lastFourDigits ? '••••' + a.lastFourDigits : '—'),
      el('td', {}, text([a.category, a.type].filter(Boolean).join(' · '))),
      el('td', {}, text(a.currency)),
      el('td', { class: 'num current' }, money(a.balance && a.balance.current)),
      el('td', { class: 'num available' }, money(a.balance && a.balance.available)),
      el('td', {}, time(a.balance && a.balance.asOf)),
      el('td', { class: 'actions' }, actionButton('Transactions', 'open-account', () => openAccount(a)))));
    if (rows.length === 0) {
      rows.push(el('tr', {}, el('td', { colspan: 8, class: 'muted' }, 'No accounts stored yet.')));
    }
    $('accounts').tBodies[0].replaceChildren(...rows);
    $('accounts-section').hidden = false;
    loadTimeline(loginId);
    const reopened = view.account && page.data.find((a) => a.id === view.account.id);
    if (reopened) openAccount(reopened);
  }

  async function loadTimeline(loginId) {
    const history = await attempt(() => api('GET', loginPath(loginId) + '/retrievals'), true);
    if (history === undefined || view.login !== loginId) return;
    $('timeline').replaceChildren(...timelines(history.data));
  }

  function openAccount(account) {
    view.account = account;
    $('account-title').textContent = text(account.title) + ' (' + text(account.currency) + ')';
    $('account-section').hidden = false;
    transactions.reset('/v1/accounts/' + encodeURIComponent(account.id) + '/transactions');
    balances.reset('/v1/accounts/' + encodeURIComponent(account.id) + '/balances');
    drawChart(account);
  }

  /** The chart of the account's last 1000 snapshots (the table below pages through all of them). */
  async function drawChart(account) {
    $('balance-chart').replaceChildren();
    const page = await attempt(() => api('GET', '/v1/accounts/' + encodeURIComponent(account.id)
      + '/balances?limit=1000'));
    if (page === undefined || !view.account || view.account.id !== account.id) return;
    const chart = balanceChart(page.data, money, time);
    $('balance-chart').replaceChildren(chart || el('p', { class: 'muted' }, 'No balance recorded.'));
  }

  /** A table filled page by page through the API's nextCursor, with a "load more" button. */
  function pagedTable(tableId, buttonId, row, empty) {
    const body = $(tableId).tBodies[0];
    const more = $(buttonId);
    let path = null;
    let cursor = null;
    let generation = 0; // bumped on reset and close: a page that arrives later is for an old table
    async function load(first) {
      const current = generation;
      more.disabled = true;
      const page = await attempt(() => api('GET', path + '?limit=' + PAGE_SIZE
        + (cursor ? '&cursor=' + encodeURIComponent(cursor) : '')));
      more.disabled = false;
      if (page === undefined || current !== generation) return;
      const rows = page.data.map(row);
      if (first && rows.length === 0) rows.push(el('tr', {}, el('td', { colspan: 5, class: 'muted' }, empty)));
      if (first) body.replaceChildren(...rows); else body.append(...rows);
      cursor = page.nextCursor;
      more.hidden = !cursor;
    }
    more.addEventListener('click', () => load(false));
    return {
      close() {
        generation++;
        path = null;
        more.hidden = true;
        body.replaceChildren();
      },
      reset(newPath) {
        generation++;
        path = newPath;
        cursor = null;
        more.hidden = true;
        body.replaceChildren();
        return load(true);
      },
    };
  }

  const transactions = pagedTable('transactions', 'more-transactions', (t) => el('tr', { 'data-transaction-id': t.id },
    el('td', { class: 'date' }, text(t.date)),
    el('td', { class: 'description' }, text(t.description)),
    el('td', { class: 'num' }, t.debit === null || t.debit === undefined ? '' : money(t.debit)),
    el('td', { class: 'num' }, t.credit === null || t.credit === undefined ? '' : money(t.credit)),
    el('td', { class: 'num' }, money(t.balance))), 'No transactions stored.');

  const balances = pagedTable('balances', 'more-balances', (b) => el('tr', {},
    el('td', {}, time(b.recordedAt)),
    el('td', {}, time(b.asOf)),
    el('td', { class: 'num current' }, money(b.current)),
    el('td', { class: 'num available' }, money(b.available))), 'No balance recorded.');

  // ---- start -----------------------------------------------------------------------------------------------

  $('key-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const key = $('api-key').value.trim();
    if (key) login(key);
  });
  $('forget-key').addEventListener('click', () => {
    logout();
    showError('');
  });
  $('register-form').addEventListener('submit', register);
  $('connect-bank').addEventListener('click', connectBank);
  $('close-connect').addEventListener('click', closeConnect);
  let typing = null; // the list follows the search as it is typed, once typing pauses
  const searchSoon = () => {
    clearTimeout(typing);
    typing = setTimeout(refreshLogins, 250);
  };
  $('search-form').addEventListener('input', searchSoon);
  $('search-form').addEventListener('change', searchSoon);
  $('search-form').addEventListener('submit', (event) => {
    event.preventDefault();
    refreshLogins();
  });
  $('search-form').addEventListener('reset', () => setTimeout(refreshLogins));
  onUnauthorized(logout);
  if (sessionStorage.getItem(KEY_ITEM)) login(sessionStorage.getItem(KEY_ITEM));
})();
