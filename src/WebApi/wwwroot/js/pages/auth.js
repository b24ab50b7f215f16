// Sign in and registration (ASP.NET Core Identity's /api/auth endpoints).

import { h } from '../dom.js';
import { clearErrors, field, formError, showErrors, whileBusy } from '../forms.js';
import { ApiError } from '../http.js';
import * as session from '../session.js';

const passwordRules = 'At least 8 characters, with an upper-case and a lower-case letter, a digit and a symbol.';

// Identity names its errors by code (PasswordTooShort, DuplicateEmail…), not by field.
const identityField = code => code.startsWith('Password') ? 'password' : /Email|UserName/.test(code) ? 'email' : code;

// Identity's login refusal says only "Failed", "LockedOut" or "NotAllowed".
function loginProblem(error) {
  if (!(error instanceof ApiError) || error.status !== 401) return error;
  const message = {
    LockedOut: 'Too many failed attempts. Wait a few minutes, then try again.',
    NotAllowed: 'This account cannot sign in yet.',
  }[error.problem.detail] ?? 'The email or password is not right.';
  return { fieldErrors: {}, message };
}

export function signIn(main) {
  authPage(main, {
    title: 'Sign in',
    intro: 'Sign in to see what your Vapi voice agents do and cost.',
    passwordAutocomplete: 'current-password',
    submitLabel: 'Sign in',
    busyLabel: 'Signing in…',
    action: async (email, password) => {
      try {
        await session.signIn(email, password);
      } catch (error) {
        throw loginProblem(error);
      }
      location.hash = '#/overview';
    },
    switchText: ['New here? ', h('a', { href: '#/register' }, 'Create an account')],
  });
}

export function register(main) {
  authPage(main, {
    title: 'Create an account',
    intro: 'One account holds all your Vapi agents, each with its own API key.',
    passwordAutocomplete: 'new-password',
    passwordHint: passwordRules,
    submitLabel: 'Create account',
    busyLabel: 'Creating account…',
    action: async (email, password) => {
      await session.register(email, password);
      // Register answers alike for an address that already has an account (docs/adr/015): then only its own password signs in.
      try {
        await session.signIn(email, password);
      } catch (error) {
        if (!(error instanceof ApiError) || error.status !== 401) throw error;
        return Promise.reject({ fieldErrors: {}, message: 'Could not sign in with this password. If you already have an account with this email, sign in with its password.' });
      }
      // A new account has no agents yet: Settings is where the first one is added.
      location.hash = '#/settings';
    },
    switchText: ['Already have an account? ', h('a', { href: '#/signin' }, 'Sign in')],
  });
}

function authPage(main, { title, intro, passwordAutocomplete, passwordHint, submitLabel, busyLabel, action, switchText }) {
  const submit = h('button', { type: 'submit', class: 'button button-primary' }, submitLabel);
  const form = h('form', { class: 'form', novalidate: true },
    field({ name: 'email', label: 'Email', type: 'email', autocomplete: 'username', required: true }),
    field({ name: 'password', label: 'Password', type: 'password', autocomplete: passwordAutocomplete, hint: passwordHint, required: true }),
    formError(),
    h('div', { class: 'actions' }, submit));

  form.addEventListener('submit', async event => {
    event.preventDefault();
    clearErrors(form);
    const data = new FormData(form);
    const email = String(data.get('email')).trim();
    const password = String(data.get('password'));
    const missing = {};
    if (!email) missing.email = ['Enter your email address.'];
    if (!password) missing.password = ['Enter a password.'];
    if (Object.keys(missing).length > 0) {
      showErrors(form, { fieldErrors: missing });
      return;
    }
    try {
      await whileBusy(submit, busyLabel, () => action(email, password));
    } catch (error) {
      showErrors(form, error, identityField);
    }
  });

  main.append(h('div', { class: 'auth' },
    h('div', { class: 'card' },
      h('h1', { tabindex: '-1' }, title),
      h('p', { class: 'muted' }, intro),
      form),
    h('p', { class: 'auth-switch' }, switchText)));
}
