/** Elements for money, dates and instants, formatted from the gateway's exact strings. */
import { formatDate, formatDateTime, formatMoney } from '../format';

export interface MoneyValue {
  amount: string;
  currency: string;
}

export function MoneyText({ money }: { money: MoneyValue }) {
  return <span className="money">{formatMoney(money.amount, money.currency)}</span>;
}

export function DateText({ date }: { date: string }) {
  return <time dateTime={date}>{formatDate(date)}</time>;
}

export function DateTimeText({ instant }: { instant: string }) {
  return <time dateTime={instant}>{formatDateTime(instant)}</time>;
}
