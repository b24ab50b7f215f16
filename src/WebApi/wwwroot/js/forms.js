// Labelled fields whose hints and errors are wired to the control, the API's field errors shown next to the
// field it named, busy buttons, modal dialogs and read-only values to copy.

import { h, toast, uid } from './dom.js';

/**
 * A labelled control: { name, label, type, hint, value, options: [{value, label}], width: 'wide' | 'narrow' } plus any
 * attributes of the control (required, autocomplete…).
 * `name` is the API's (camelCase) field name, so the API's errors find their field.
 */
export function field({ name, label, type = 'text', hint, value, options, width, ...attributes }) {
  const id = uid(name);
  const hintId = hint ? `${id}-hint` : null;
  const errorId = `${id}-error`;
  const describedBy = [hintId, errorId].filter(Boolean).join(' ');
  const control = options
    ? h('select', { id, name, 'aria-describedby': describedBy, ...attributes },
      options.map(o => h('option', { value: o.value, selected: o.value === value }, o.label)))
    : h('input', { id, name, type, value: value ?? '', 'aria-describedby': describedBy, ...attributes });
  return h('div', { class: width ? `field field-${width}` : 'field', dataset: { field: name } },
    h('label', { for: id }, label),
    hint ? h('p', { class: 'hint', id: hintId }, hint) : null,
    control,
    h('p', { class: 'field-error', id: errorId }));
}

/** A checkbox with its label. */
export function checkbox({ name, label, checked }) {
  const id = uid(name);
  return h('div', { class: 'check', dataset: { field: name } },
    h('input', { type: 'checkbox', id, name, checked }),
    h('label', { for: id }, label));
}

/** The place for errors that belong to no single field. */
export const formError = () => h('div', { class: 'form-error', role: 'alert' });

export function clearErrors(form) {
  for (const message of form.querySelectorAll('.field-error')) {
    message.textContent = '';
  }
  for (const control of form.querySelectorAll('[aria-invalid]')) {
    control.removeAttribute('aria-invalid');
  }
  const general = form.querySelector('.form-error');
  if (general) {
    general.textContent = '';
  }
}

/**
 * Puts each message next to the field it names (`fieldFor` maps an API key to a field when they differ) and
 * focuses the first such field; what no field takes goes to the form's general error.
 */
export function showErrors(form, error, fieldFor = key => key) {
  clearErrors(form);
  const leftOver = [];
  let first = null;
  for (const [key, messages] of Object.entries(error.fieldErrors ?? {})) {
    const message = form.querySelector(`[data-field="${CSS.escape(fieldFor(key))}"] .field-error`);
    if (!message) {
      leftOver.push(...messages);
      continue;
    }
    message.textContent = [message.textContent, ...messages].filter(Boolean).join(' ');
    const control = message.parentElement.querySelector('input, select');
    control.setAttribute('aria-invalid', 'true');
    first ??= control;
  }
  if (first) {
    first.focus();
  }
  if (!first || leftOver.length > 0) {
    const general = form.querySelector('.form-error');
    general.textContent = leftOver.length > 0 ? leftOver.join(' ') : error.message;
  }
}

/** Runs the action with the button disabled and relabelled; the button gets its label back afterwards. */
export async function whileBusy(button, busyLabel, action) {
  const label = [...button.childNodes];
  // A disabled button loses focus; it gets it back afterwards so keyboard users stay where they were.
  const hadFocus = document.activeElement === button;
  button.disabled = true;
  button.setAttribute('aria-busy', 'true');
  button.textContent = busyLabel;
  try {
    return await action();
  } finally {
    button.disabled = false;
    button.removeAttribute('aria-busy');
    button.replaceChildren(...label);
    if (hadFocus && button.isConnected) {
      button.focus();
    }
  }
}

/**
 * A modal dialog (focus stays inside; Escape closes it). The body builder gets a close function.
 * Resolves with the value passed to close() when the dialog is gone.
 */
export function openDialog(title, buildBody) {
  return new Promise(resolve => {
    const titleId = uid('dialog-title');
    let result;
    const dialog = h('dialog', { 'aria-labelledby': titleId });
    const close = value => {
      result = value;
      dialog.close();
    };
    dialog.append(h('div', { class: 'dialog-body' }, h('h2', { id: titleId }, title), buildBody(close)));
    const opener = document.activeElement;
    dialog.addEventListener('close', () => {
      dialog.remove();
      // Focus goes back to what opened the dialog, if it is still on the page.
      if (opener?.isConnected) {
        opener.focus();
      }
      resolve(result);
    });
    document.body.append(dialog);
    dialog.showModal();
  });
}

/** Asks a yes/no question; resolves true only when the user confirms. Cancel has the focus to begin with. */
export function confirmDialog({ title, message, confirmLabel, danger = false }) {
  return openDialog(title, close => [
    ...[message].flat().map(text => h('p', {}, text)),
    h('div', { class: 'dialog-actions' },
      h('button', { type: 'button', class: 'button', autofocus: true, onclick: () => close(false) }, 'Cancel'),
      h('button', { type: 'button', class: danger ? 'button button-primary button-danger' : 'button button-primary', onclick: () => close(true) }, confirmLabel)),
  ]).then(confirmed => confirmed === true);
}

/** A read-only field with a Copy button, for a value the user must take away (a secret shown once). */
export function copyField(name, label, value) {
  const wrapper = field({ name, label, value, readonly: true, spellcheck: 'false' });
  const input = wrapper.querySelector('input');
  const copy = h('button', { type: 'button', class: 'button', dataset: { action: `copy-${name}` } }, 'Copy', h('span', { class: 'visually-hidden' }, ` ${label}`));
  copy.addEventListener('click', async () => {
    try {
      await navigator.clipboard.writeText(value);
      toast(`${label} copied.`);
    } catch {
      // Without clipboard access the text is selected for the user to copy.
      input.select();
      toast('Press Ctrl+C (or ⌘C) to copy the selected text.');
    }
  });
  const row = h('div', { class: 'copy-row' });
  input.replaceWith(row);
  row.append(input, copy);
  return wrapper;
}
