/**
 * Carrier tracking pages. The tracking number is URL-encoded into the
 * carrier's public tracking address; unknown carriers get no link.
 */
const TRACKING_URL_TEMPLATES: Record<string, (encodedNumber: string) => string> = {
  UPS: (n) => `https://www.ups.com/track?tracknum=${n}`,
  FEDEX: (n) => `https://www.fedex.com/fedextrack/?trknbr=${n}`,
  USPS: (n) => `https://tools.usps.com/go/TrackConfirmAction?tLabels=${n}`,
  DHL: (n) => `https://www.dhl.com/global-en/home/tracking/tracking-express.html?tracking-id=${n}`,
};

/**
 * Returns the carrier's tracking page for a shipment, or null when the
 * carrier is not one of UPS, FedEx, USPS and DHL or there is no tracking
 * number. Carrier names match case-insensitively, ignoring spaces.
 */
export function trackingUrl(carrier: string, trackingNumber: string | null): string | null {
  const trimmed = trackingNumber?.trim() ?? '';
  if (trimmed === '') {
    return null;
  }

  const template = TRACKING_URL_TEMPLATES[carrier.replace(/\s+/g, '').toUpperCase()];
  return template === undefined ? null : template(encodeURIComponent(trimmed));
}
