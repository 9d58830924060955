import { Field, ObjectType } from 'type-graphql';

import type { ContactRole, CurrencyCode } from '../../../connectors/domain';
import { ContactRoleValues } from './enums';

@ObjectType({ description: "The company the signed-in contact works for: the supplier's customer." })
export class Customer {
  @Field(() => String, { description: "Customer number in the supplier's ERP, for example \"C-10001\"." })
  number!: string;

  @Field(() => String)
  name!: string;

  @Field(() => String, { description: "Currency of all the customer's documents (ISO 4217)." })
  currency!: CurrencyCode;
}

@ObjectType({ description: 'The signed-in contact.' })
export class Viewer {
  @Field(() => String)
  email!: string;

  @Field(() => String)
  name!: string;

  @Field(() => ContactRoleValues)
  role!: ContactRole;

  @Field(() => Customer)
  customer!: Customer;

  @Field(() => [String], {
    description:
      'What the role allows, for example ["invoices:read", "orders:read", "tickets:read", "tickets:write"]. Fields that need a missing permission fail with FORBIDDEN.',
  })
  permissions!: string[];
}
