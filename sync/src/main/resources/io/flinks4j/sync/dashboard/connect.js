// "Connect a bank": Flinks Connect (the sandbox's or the real one) in an iframe. The service mints the authorize
// token (POST /v1/connect/sessions); the page accepts Connect's messages only from Connect's origin and from its
// own frame, and hands the loginId of the REDIRECT message on.

import { $, api, attempt, el } from '/dashboard/common.js';

let listener = null;

export function closeConnect() {
  if (listener) window.removeEventListener('message', listener);
  listener = null;
  $('connect-frame').replaceChildren();
  $('connect-section').hidden = true;
}

/** Connect's events arrive as objects, or as JSON text when launched with stringify. */
function parse(data) {
  if (typeof data !== 'string') return data;
  try {
    return JSON.parse(data);
  } catch (e) {
    return null;
  }
}

/**
 * Opens Connect: a new connection (a fresh URL from the service), or relaunchUrl to finish a login's MFA.
 * onRedirect(loginId) is called once, with the loginId of Connect's REDIRECT message.
 */
export async function openConnect({ tag, relaunchUrl, title }, onRedirect) {
  closeConnect();
  const session = relaunchUrl ? { url: relaunchUrl, origin: new URL(relaunchUrl).origin }
    : await attempt(() => api('POST', '/v1/connect/sessions', tag ? { tag } : {}));
  if (!session) return;
  const frame = el('iframe', { src: session.url, title: 'Flinks Connect', name: 'connect',
    referrerpolicy: 'no-referrer' });
  listener = (event) => {
    if (event.origin !== session.origin || event.source !== frame.contentWindow) return; // anyone else: ignored
    const message = parse(event.data);
    if (!message) return;
    $('connect-step').textContent = String(message.step || '');
    if (message.step === 'REDIRECT' && typeof message.loginId === 'string') {
      closeConnect();
      onRedirect(message.loginId);
    }
  };
  window.addEventListener('message', listener);
  $('connect-title').textContent = title;
  $('connect-step').textContent = '';
  $('connect-frame').replaceChildren(frame);
  $('connect-section').hidden = false;
}
