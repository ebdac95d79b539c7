// Webhooks that could not be applied after their retries (GET /v1/dead-letters, admin scope), each with a Replay
// action. A key without the admin scope gets 403: the section then stays hidden, as there is nothing it may do.

import { $, api, ApiError, attempt, el, text, time } from '/dashboard/common.js';

/** Shows the dead letters, or hides the section when there are none or the key may not see them. */
export async function deadLetters() {
  let page;
  try {
    page = await api('GET', '/v1/dead-letters?limit=100');
  } catch (e) {
    if (e instanceof ApiError && e.status === 403) {
      $('dead-letters-section').hidden = true;
      return;
    }
    throw e;
  }
  const rows = page.data.map((letter) => el('tr', { 'data-id': letter.id },
    el('td', {}, text(letter.type)),
    el('td', {}, time(letter.receivedAt)),
    el('td', { class: 'mono' }, text(letter.loginId)),
    el('td', {}, text(letter.reason)),
    el('td', { class: 'num' }, text(letter.attempts)),
    el('td', {}, time(letter.parkedAt)),
    el('td', {}, el('button', { type: 'button', 'data-action': 'replay', on: { click: () => replay(letter.id) } },
      'Replay'))));
  $('dead-letters').tBodies[0].replaceChildren(...rows);
  $('dead-letters-section').hidden = rows.length === 0;
}

async function replay(id) {
  const answer = await attempt(() => api('POST', '/v1/dead-letters/' + encodeURIComponent(id) + '/replay'));
  if (answer !== undefined) await attempt(deadLetters);
}
