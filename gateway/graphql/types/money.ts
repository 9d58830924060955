import { Field, ObjectType } from 'type-graphql';

import type { CurrencyCode, DecimalString } from '../../../connectors/domain';
import { DecimalScalar } from '../scalars/decimal';

@ObjectType({ description: 'An exact amount of money in one currency.' })
export class Money {
  @Field(() => DecimalScalar, { description: 'Signed amount, for example "-12.5000" on a credit memo.' })
  amount!: DecimalString;

  @Field(() => String, { description: 'ISO 4217 currency code, for example "USD".' })
  currency!: CurrencyCode;
}

export function money(amount: DecimalString, currency: CurrencyCode): Money {
  return { amount, currency };
}
