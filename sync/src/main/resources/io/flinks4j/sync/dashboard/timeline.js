// A login's retrieval timelines (GET /v1/logins/{loginId}/retrievals): each step with what it was, when, how long
// after the previous one, and why it retried or ended.

import { el, time } from '/dashboard/common.js';

/** 850 ms, 2.3 s, 2m 5s: as people write durations. */
export function duration(ms) {
  if (ms < 1000) return Math.round(ms) + ' ms';
  if (ms < 60000) return (ms / 1000).toFixed(1) + ' s';
  const s = Math.round(ms / 1000);
  return s < 3600 ? Math.floor(s / 60) + 'm ' + (s % 60) + 's' : Math.floor(s / 3600) + 'h ' + Math.floor((s % 3600) / 60) + 'm';
}

const because = (step) => (step.reason ? ': ' + step.reason + (step.message ? ' (' + step.message + ')' : '') : '');

function label(step, mode) {
  switch (step.event) {
    case 'requested': return 'Requested (' + mode + ')';
    case 'restarted': return 'Restarted with a new session';
    case 'authorize': return 'Authorize';
    case 'session_opened': return 'Session opened, data requested';
    case 'poll': return 'Poll #' + step.polls + ': still processing';
    case 'processing': return 'Processing';
    case 'mfa_required': return 'Security questions asked';
    case 'mfa_answered': return 'Answers sent';
    case 'retry': return 'Retry' + because(step);
    case 'ready': return 'Ready: data stored';
    case 'failed': return 'Failed' + because(step);
    case 'timed_out': return 'Timed out' + because(step);
    default: return step.event;
  }
}

/** The timelines, newest retrieval first. */
export function timelines(history) {
  if (history.length === 0) return [el('p', { class: 'muted' }, 'No retrieval yet.')];
  return history.map(({ retrieval, steps }) => {
    const total = steps.length ? steps[steps.length - 1].elapsedMs : 0;
    return el('div', { class: 'retrieval', 'data-retrieval-id': retrieval.id, 'data-state': retrieval.state },
      el('h3', {}, time(retrieval.requestedAt) + ' · ' + retrieval.mode + ' · ',
        el('span', { class: 'state state-' + retrieval.state.replace(/[^a-z_]/g, '') }, retrieval.state),
        ' · ' + duration(total)),
      el('ol', { class: 'timeline' }, steps.map((step) => el('li', { 'data-event': step.event, 'data-step-id': step.id },
        el('span', { class: 'when' }, time(step.at)),
        el('span', { class: 'what' }, label(step, retrieval.mode)),
        el('span', { class: 'gap' }, step.sincePreviousMs ? '+' + duration(step.sincePreviousMs) : '')))));
  });
}
