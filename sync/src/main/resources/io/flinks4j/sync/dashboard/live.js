// Live updates from GET /v1/events/stream. EventSource cannot send the key, so each connection opens with a
// single-use ticket minted by POST /v1/events/stream-tickets (the key never goes into a URL); a dropped connection
// reconnects with a new ticket and resumes after the last event seen.

import { api } from '/dashboard/common.js';

/**
 * Starts listening; onStep(step) gets each step, onStatus(connected) each change of connection. Returns a stop
 * function.
 */
export function listen(onStep, onStatus) {
  let source = null;
  let lastEventId = null;
  let stopped = false;
  let retry = null;

  async function connect() {
    if (stopped) return;
    let ticket;
    try {
      ticket = (await api('POST', '/v1/events/stream-tickets')).ticket;
    } catch (e) {
      onStatus(false);
      retry = setTimeout(connect, 5000);
      return;
    }
    if (stopped) return;
    source = new EventSource('/v1/events/stream?ticket=' + encodeURIComponent(ticket)
      + (lastEventId ? '&lastEventId=' + encodeURIComponent(lastEventId) : ''));
    source.addEventListener('open', () => onStatus(true));
    source.addEventListener('step', (event) => {
      lastEventId = event.lastEventId || lastEventId;
      onStep(JSON.parse(event.data));
    });
    source.addEventListener('error', () => {
      // The browser's own reconnect would replay a used ticket: always start again with a new one.
      source.close();
      onStatus(false);
      retry = setTimeout(connect, 2000);
    });
  }

  connect();
  return () => {
    stopped = true;
    clearTimeout(retry);
    if (source) source.close();
  };
}
