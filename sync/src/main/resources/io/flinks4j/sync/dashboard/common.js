// Shared by the dashboard's modules: DOM building without HTML parsing, formatting, and the /v1 API with the key
// kept in sessionStorage. Every value from the API reaches the page through text nodes or setAttribute; the
// page's Trusted Types policy enforces that.

export const KEY_ITEM = 'flinks4j.apiKey';
export const $ = (id) => document.getElementById(id);

/** Called when the service refuses the key (401): the main module logs out. */
let unauthorized = () => {};
export function onUnauthorized(handler) {
  unauthorized = handler;
}

// ---- DOM --------------------------------------------------------------------------------------------------

/** An element with attributes, listeners ({on: {click: fn}}) and children (strings become text nodes). */
export function el(tag, props, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(props || {})) {
    if (name === 'on') {
      for (const [event, listener] of Object.entries(value)) node.addEventListener(event, listener);
    } else if (value !== null && value !== undefined && value !== false) {
      node.setAttribute(name, value === true ? '' : String(value));
    }
  }
  node.append(...children.flat().filter((child) => child !== null && child !== undefined));
  return node;
}

export const text = (value) => (value === null || value === undefined || value === '' ? '—' : String(value));
export const time = (iso) => (iso ? String(iso).replace('T', ' ').replace(/\.\d+/, '').replace('Z', ' UTC') : '—');
export const money = (amount) => (amount === null || amount === undefined ? '—'
  : Number(amount).toLocaleString('en-CA', { minimumFractionDigits: 2, maximumFractionDigits: 4 }));
export const stateClass = (state) => 'state state-' + String(state || 'none').replace(/[^a-z_]/g, '');

/** Only http(s) links: a javascript: URL from the API must never become clickable. */
export function safeUrl(raw) {
  try {
    const url = new URL(raw);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : null;
  } catch (e) {
    return null;
  }
}

export function showError(message, fromPoll) {
  $('error').textContent = message;
  $('error').hidden = !message;
  $('error').dataset.fromPoll = fromPoll ? 'true' : '';
}

export function setStatus(message) {
  $('status').textContent = message;
}

// ---- API -------------------------------------------------------------------------------------------------

export class ApiError extends Error {
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

export async function api(method, path, body) {
  const headers = { Authorization: 'Bearer ' + sessionStorage.getItem(KEY_ITEM), Accept: 'application/json' };
  const init = { method, headers, cache: 'no-store' };
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  let response;
  try {
    response = await fetch(path, init);
  } catch (e) {
    throw new ApiError(0, 'unreachable', 'the service cannot be reached');
  }
  const json = response.status === 204 ? null : await response.json().catch(() => null);
  if (!response.ok) {
    const error = (json && json.error) || {};
    throw new ApiError(response.status, error.code || 'http_' + response.status,
      error.message || response.statusText || 'request failed');
  }
  return json;
}

export const loginPath = (loginId) => '/v1/logins/' + encodeURIComponent(loginId);

/**
 * Runs an API call; a failure is shown (a refused key also logs out) and the result is undefined. A background
 * poll's success clears only a poll's error, so the answer to an operator's action stays until the next action.
 */
export async function attempt(call, fromPoll = false) {
  try {
    const result = await call();
    if (!fromPoll || $('error').dataset.fromPoll) showError('');
    return result;
  } catch (e) {
    if (!(e instanceof ApiError)) throw e;
    if (e.status === 401) {
      unauthorized();
      showError('API key refused (' + e.status + ' ' + e.code + '): ' + e.message, false);
    } else {
      showError('Request failed (' + (e.status || 'network') + ' ' + e.code + '): ' + e.message, fromPoll);
    }
    return undefined;
  }
}
