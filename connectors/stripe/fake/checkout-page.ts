/**
 * The fake's hosted payment page: a small HTML form in place of Stripe
 * Checkout's card form. Submitting it POSTs to `<session url>/pay`.
 */
import type { FakeCheckoutSession, FakeLineItem } from './objects';
import { fromMinorUnits } from '../amounts';

export function renderCheckoutPage(session: FakeCheckoutSession, lineItems: readonly FakeLineItem[]): string {
  const currency = session.currency.toUpperCase();
  const rows = lineItems
    .map((item) => `<tr><td>${escapeHtml(item.name)}</td><td class="amount">${fromMinorUnits(item.unitAmount * item.quantity, currency)} ${currency}</td></tr>`)
    .join('\n');
  const total = `${fromMinorUnits(session.amount_total, currency)} ${currency}`;

  let body: string;
  if (session.status === 'open') {
    const cancel = session.cancel_url === null ? '' : `<p><a href="${escapeHtml(session.cancel_url)}">Cancel and return</a></p>`;
    body = `
<form method="post" action="${escapeHtml(`/c/pay/${session.id}/pay`)}">
  <fieldset>
    <legend>Test payment method</legend>
    <label><input type="radio" name="outcome" value="succeeded" checked> Card, paid at once</label><br>
    <label><input type="radio" name="outcome" value="processing"> Bank debit, settles later</label>
  </fieldset>
  <button type="submit" id="pay">Pay ${escapeHtml(total)}</button>
</form>
${cancel}`;
  } else {
    body = `<p id="closed">This checkout session is ${escapeHtml(session.status)} and can no longer be paid.</p>`;
  }

  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Fake Stripe Checkout</title>
<style>body{font-family:sans-serif;max-width:32rem;margin:2rem auto}td.amount{text-align:right}table{width:100%}</style></head>
<body>
<h1>Fake Stripe Checkout</h1>
<p>Test mode: no real card is charged.</p>
<table>
${rows}
<tr><th>Total</th><th class="amount" id="total">${escapeHtml(total)}</th></tr>
</table>
${body}
</body>
</html>
`;
}

export function renderMessagePage(title: string, message: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head>
<body><h1>${escapeHtml(title)}</h1><p>${escapeHtml(message)}</p></body></html>
`;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}
