import { trackingUrl } from './tracking';

describe('trackingUrl', () => {
  it.each([
    ['UPS', '1Z999AA10123456784', 'https://www.ups.com/track?tracknum=1Z999AA10123456784'],
    ['FedEx', '449044304137821', 'https://www.fedex.com/fedextrack/?trknbr=449044304137821'],
    ['USPS', '9400111899223856928499', 'https://tools.usps.com/go/TrackConfirmAction?tLabels=9400111899223856928499'],
    ['DHL', '1234567890', 'https://www.dhl.com/global-en/home/tracking/tracking-express.html?tracking-id=1234567890'],
    ['fedex', '1', 'https://www.fedex.com/fedextrack/?trknbr=1'],
  ])('links %s %s', (carrier, trackingNumber, expected) => {
    expect(trackingUrl(carrier, trackingNumber)).toBe(expected);
  });

  it('encodes the tracking number', () => {
    expect(trackingUrl('UPS', 'A B&c=d/?#')).toBe('https://www.ups.com/track?tracknum=A%20B%26c%3Dd%2F%3F%23');
  });

  it.each([
    ['Acme Freight', '123'],
    ['UPS', null],
    ['UPS', ''],
    ['UPS', '   '],
  ])('gives no link for %j %j', (carrier, trackingNumber) => {
    expect(trackingUrl(carrier, trackingNumber)).toBeNull();
  });
});
