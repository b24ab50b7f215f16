// Starts the dashboard: hash routes (#/overview, #/usage, #/clients, #/settings, #/signin, #/register), the top bar,
// and what happens when the session ends.

import * as session from './session.js';
import { toast } from './dom.js';
import { updateFilterLinks } from './filters.js';
import * as alertsPage from './pages/alerts.js';
import { refreshAlertCount } from './pages/alert-badge.js';
import * as authPages from './pages/auth.js';
import * as clientsPage from './pages/clients.js';
import * as overviewPage from './pages/overview.js';
import * as settingsPage from './pages/settings.js';
import * as usagePage from './pages/usage.js';

const routes = {
  '/signin': { page: authPages.signIn, title: 'Sign in', public: true },
  '/register': { page: authPages.register, title: 'Create an account', public: true },
  '/overview': { page: overviewPage.render, title: 'Overview' },
  '/usage': { page: usagePage.render, title: 'Usage' },
  '/alerts': { page: alertsPage.render, title: 'Alerts' },
  '/clients': { page: clientsPage.render, title: 'Clients' },
  '/settings': { page: settingsPage.render, title: 'Settings' },
};

const main = document.getElementById('main');
let pageAbort = null;
let firstRender = true;
// Said on the next page drawn (the sign-in page after a session ended); any other message belongs to the page left.
let messageForNextPage = '';

/** The route and its parameters from "#/usage?agentId=…". */
function currentLocation() {
  const hash = location.hash.startsWith('#/') ? location.hash.slice(1) : '/';
  const [path, search = ''] = hash.split('?');
  return { path, params: new URLSearchParams(search) };
}

function render() {
  const { path, params } = currentLocation();
  const route = routes[path];
  if (!route) {
    location.replace(session.isSignedIn() ? '#/overview' : '#/signin');
    return;
  }
  if (!route.public && !session.isSignedIn()) {
    location.replace('#/signin');
    return;
  }
  if (route.public && session.isSignedIn()) {
    location.replace('#/overview');
    return;
  }

  // Requests of the page being left are cancelled so they cannot draw into the next one.
  pageAbort?.abort();
  pageAbort = new AbortController();
  // A dialog belongs to the page it was opened on.
  for (const dialog of document.querySelectorAll('dialog[open]')) {
    dialog.close();
  }
  document.title = `${route.title} · VapiAgents`;
  updateTopBar(path);
  main.replaceChildren();
  toast(messageForNextPage);
  messageForNextPage = '';
  route.page(main, { params, signal: pageAbort.signal });

  // After a navigation, focus the page's heading so screen readers and keyboards start there.
  if (!firstRender) {
    main.querySelector('h1')?.focus();
  }
  firstRender = false;
}

function updateTopBar(path) {
  const signedIn = session.isSignedIn();
  document.getElementById('nav').hidden = !signedIn;
  document.getElementById('account').hidden = !signedIn;
  document.getElementById('account-email').textContent = session.signedInEmail() ?? '';
  for (const link of document.querySelectorAll('#nav a')) {
    if (link.dataset.path === path) {
      link.setAttribute('aria-current', 'page');
    } else {
      link.removeAttribute('aria-current');
    }
  }
  updateFilterLinks();
  if (signedIn) {
    refreshAlertCount();
  }
}

session.onSignOut(reason => {
  if (reason === 'expired') {
    messageForNextPage = 'Your session has ended. Please sign in again.';
  }
  if (location.hash === '#/signin') {
    render();
  } else {
    location.hash = '#/signin';
  }
});

document.getElementById('sign-out').addEventListener('click', () => session.signOut());

// The skip link moves focus without touching the hash, which holds the route.
document.getElementById('skip-link').addEventListener('click', event => {
  event.preventDefault();
  main.focus();
});

window.addEventListener('hashchange', render);
render();
