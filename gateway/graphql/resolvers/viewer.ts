import { Arg, Ctx, Mutation, Query, Resolver } from 'type-graphql';

import type { SignedInViewer } from '../../auth/viewer';
import type { GatewayContext } from '../context';
import { SignInPayload } from '../types/sign-in';
import { Viewer } from '../types/viewer';

export function toViewer(viewer: SignedInViewer): Viewer {
  return {
    email: viewer.contact.email,
    name: viewer.contact.name,
    role: viewer.contact.role,
    customer: { number: viewer.customer.number, name: viewer.customer.name, currency: viewer.customer.currency },
    permissions: [...viewer.permissions],
  };
}

@Resolver(() => Viewer)
export class ViewerResolver {
  @Query(() => Viewer, { nullable: true, description: 'The signed-in contact, or null when signed out.' })
  viewer(@Ctx() context: GatewayContext): Viewer | null {
    return context.viewer === null ? null : toViewer(context.viewer);
  }

  @Mutation(() => SignInPayload, {
    description:
      'Starts a session and sets its HttpOnly cookie. Wrong e-mail or password: UNAUTHENTICATED. Too many failures: RATE_LIMITED with extensions.retryAfterSeconds.',
  })
  async signIn(
    @Ctx() context: GatewayContext,
    @Arg('email', () => String) email: string,
    @Arg('password', () => String) password: string,
  ): Promise<SignInPayload> {
    const viewer = await context.auth.signIn(email, password);
    return { viewer: toViewer(viewer) };
  }

  @Mutation(() => Boolean, { description: 'Ends the current session and clears its cookie; true even when there was none.' })
  async signOut(@Ctx() context: GatewayContext): Promise<boolean> {
    await context.auth.signOut();
    return true;
  }
}
