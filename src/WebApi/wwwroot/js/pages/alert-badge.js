// The number of open alerts next to "Alerts" in the navigation.

import { alerts as alertsApi } from '../api.js';

export async function refreshAlertCount() {
  const badge = document.getElementById('alert-count');
  try {
    const { total } = await alertsApi.list('open');
    badge.textContent = total > 0 ? String(total) : '';
    badge.hidden = total === 0;
    badge.setAttribute('aria-label', `${total} open alert${total === 1 ? '' : 's'}`);
  } catch {
    badge.hidden = true;
  }
}
