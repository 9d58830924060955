import { Field, ObjectType } from 'type-graphql';

import { Viewer } from './viewer';

@ObjectType()
export class SignInPayload {
  @Field(() => Viewer, { description: 'The contact who signed in; the response also sets the session cookie.' })
  viewer!: Viewer;
}
