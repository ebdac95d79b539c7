// "Answer here" for a login waiting in mfa_required: a form built from its mfaChallenges ({type, prompt} and, for
// MultipleChoice, MultipleChoiceMultipleAnswers and ImageSelection, choices), and "relaunch Connect" to let the
// customer finish in Flinks Connect instead.

import { el } from '/dashboard/common.js';

/** One field per challenge: a select or checkboxes when the bank offers choices, a text input otherwise. */
function field(challenge, i, draft, remember) {
  const choices = Array.isArray(challenge.choices) ? challenge.choices.map(String) : null;
  if (choices && challenge.type === 'MultipleChoiceMultipleAnswers') {
    const boxes = choices.map((choice) => el('input', { type: 'checkbox', name: 'answer-' + i, value: choice,
      checked: Array.isArray(draft) && draft.includes(choice) }));
    const read = () => boxes.filter((box) => box.checked).map((box) => box.value);
    boxes.forEach((box) => box.addEventListener('change', () => remember(read())));
    const node = el('fieldset', { class: 'choices' }, el('legend', {}, challenge.prompt),
      boxes.map((box) => el('label', { class: 'choice' }, box, box.value)));
    return { node, read };
  }
  let input;
  if (choices) {
    input = el('select', { name: 'answer-' + i, required: true },
      el('option', { value: '' }, 'choose…'), choices.map((choice) => el('option', { value: choice }, choice)));
  } else {
    input = el('input', { name: 'answer-' + i, required: true, autocomplete: 'off' });
  }
  input.value = typeof draft === 'string' ? draft : '';
  input.addEventListener(choices ? 'change' : 'input', () => remember(input.value));
  return { node: el('label', {}, el('span', {}, challenge.prompt), input), read: () => input.value };
}

/**
 * The row under a login's row: the questions to answer (drafts survive re-renders) and the relaunch action.
 * onAnswer(answers, draftKeys) posts {prompt: "answer" or ["a", "b"]}; onRelaunch(url) opens Connect.
 */
export function mfaRow(l, drafts, onAnswer, onRelaunch) {
  const cell = el('td', { colspan: 7 });
  const challenges = l.state === 'mfa_required' ? l.mfaChallenges || [] : [];
  if (challenges.length > 0) {
    const fields = challenges.map((challenge, i) => {
      const draftKey = l.loginId + '\n' + challenge.prompt;
      return { challenge, draftKey,
        ...field(challenge, i, drafts.get(draftKey), (value) => drafts.set(draftKey, value)) };
    });
    const form = el('form', { class: 'mfa-form' }, fields.map((f) => f.node),
      el('button', { type: 'submit' }, 'Send answers'));
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      const answers = {};
      for (const f of fields) answers[f.challenge.prompt] = f.read();
      onAnswer(answers, fields.map((f) => f.draftKey));
    });
    cell.append(el('p', {}, 'Answer here the security questions from the bank:'), form);
  }
  if (l.state === 'mfa_required') { // the URL carries a single-use token: it is minted when the button is pressed
    cell.append(el('p', {}, 'Or let the customer finish in Flinks Connect: ',
      el('button', { type: 'button', name: 'relaunch', on: { click: () => onRelaunch() } }, 'Relaunch Connect')));
  }
  return el('tr', { class: 'mfa', 'data-login-id': l.loginId }, cell);
}
