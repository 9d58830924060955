import { useQuery } from 'urql';
import { graphql } from '../gql';
import type { PaymentSettingsQuery } from '../gql/graphql';
import { useHasPermission } from '../session';

const PaymentSettingsDocument = graphql(`
  query PaymentSettings {
    paymentSettings {
      enabled
      unavailableReason
      allowPartialPayments
      minimumAmounts {
        amount
        currency
      }
      maxInvoicesPerPayment
    }
  }
`);

export type PaymentSettings = PaymentSettingsQuery['paymentSettings'];

export interface PaymentAbility {
  /** Undefined until the settings have loaded. */
  settings: PaymentSettings | undefined;
  /** True when payments are on and the viewer's role may pay invoices. */
  canPay: boolean;
  /**
   * Text for where the Pay button would be: why payments are off, or null
   * while loading, when payments are on, or when the role cannot pay anyway.
   */
  unavailableReason: string | null;
}

/** Reads the portal's payment settings once per session (urql caches the result) and the viewer's permission. */
export function usePaymentSettings(): PaymentAbility {
  const mayPay = useHasPermission('invoices:pay');
  const [{ data }] = useQuery({ query: PaymentSettingsDocument, pause: !mayPay });
  const settings = data?.paymentSettings;

  return {
    settings,
    canPay: mayPay && settings?.enabled === true,
    unavailableReason: mayPay && settings && !settings.enabled ? settings.unavailableReason ?? 'Online payment is not available.' : null,
  };
}

/** Smallest partial amount for a currency, or null when the portal sets none. */
export function minimumAmount(settings: PaymentSettings, currency: string): string | null {
  return settings.minimumAmounts.find((minimum) => minimum.currency === currency)?.amount ?? null;
}
