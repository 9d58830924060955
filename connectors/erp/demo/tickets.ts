/**
 * Demo service cases with public comments and internal notes.
 */
import type { TicketStatus } from '../../domain';
import { caseNumberForId } from '../tickets';
import {
  CASE_TEMPLATES,
  CUSTOMER_REPLIES,
  CUSTOMER_ROTATION,
  DEMO_CONTACTS,
  DEMO_CUSTOMERS,
  INTERNAL_NOTES,
  SUPPORT_AGENTS,
  SUPPORT_REPLIES,
  type DemoCustomer,
} from './catalog';
import { documentDay, instantOf, type DemoContext } from './context';
import type { OrderHistory } from './orders';

const MS_PER_MINUTE = 60_000;
const MS_PER_DAY = 86_400_000;

/** Support cases cover at most the last twelve months, so a fair share is still open. */
const MAX_CASE_HISTORY_DAYS = 365;

function statusForAge(context: DemoContext, age: number): TicketStatus {
  if (age <= 14) {
    return context.random.weighted([['NEW', 40], ['IN_PROGRESS', 40], ['WAITING_ON_CUSTOMER', 20]]);
  }
  if (age <= 60) {
    return context.random.weighted([['IN_PROGRESS', 30], ['WAITING_ON_CUSTOMER', 25], ['CLOSED', 45]]);
  }
  return context.random.weighted([['CLOSED', 85], ['WAITING_ON_CUSTOMER', 10], ['IN_PROGRESS', 5]]);
}

/** Number of comments after the opening message, by status. */
function commentCount(context: DemoContext, status: TicketStatus): number {
  switch (status) {
    case 'NEW':
      return context.random.integer(0, 1);
    case 'IN_PROGRESS':
      return context.random.integer(1, 3);
    case 'WAITING_ON_CUSTOMER':
      return context.random.integer(2, 4);
    case 'CLOSED':
      return context.random.integer(2, 5);
  }
}

interface DemoComment {
  author: string;
  fromSupport: boolean;
  isPublic: boolean;
  body: string;
}

/**
 * Builds the conversation: support replies and customer replies alternate,
 * and internal notes appear before some support replies. A case waiting on
 * the customer ends with a support reply.
 */
function conversation(context: DemoContext, status: TicketStatus, customerName: string): DemoComment[] {
  const { random } = context;
  const count = commentCount(context, status);
  const comments: DemoComment[] = [];
  const agent = random.pick(SUPPORT_AGENTS);

  for (let index = 0; index < count; index += 1) {
    const supportTurn = index % 2 === 0 || (status === 'WAITING_ON_CUSTOMER' && index === count - 1);
    if (!supportTurn) {
      comments.push({ author: customerName, fromSupport: false, isPublic: true, body: random.pick(CUSTOMER_REPLIES) });
      continue;
    }
    if (random.chance(0.4) || (status === 'NEW' && index === 0)) {
      comments.push({ author: agent, fromSupport: true, isPublic: false, body: random.pick(INTERNAL_NOTES) });
      if (status === 'NEW') {
        continue;
      }
    }
    comments.push({ author: agent, fromSupport: true, isPublic: true, body: random.pick(SUPPORT_REPLIES) });
  }
  return comments;
}

/** Writes the service cases and their comments. */
export async function writeTickets(context: DemoContext, history: OrderHistory): Promise<void> {
  const { adapter, random, writer } = context;
  const count = context.options.tickets;
  // Nothing is dated after the last millisecond of the business date.
  const endOfBusinessDate = (context.lastDay + 1) * MS_PER_DAY - 1;
  const caseContext = { ...context, firstDay: Math.max(context.firstDay, context.lastDay - MAX_CASE_HISTORY_DAYS + 1) };
  let commentId = 0;

  for (let index = 0; index < count; index += 1) {
    const customerIndex = CUSTOMER_ROTATION[index % CUSTOMER_ROTATION.length] ?? 0;
    const customer = DEMO_CUSTOMERS[customerIndex] as DemoCustomer;
    const day = documentDay(caseContext, index, count);
    const id = index + 1;
    const status = statusForAge(context, context.lastDay - day);
    const priority = random.weighted([['LOW', 3], ['MEDIUM', 5], ['HIGH', 2]] as const);

    const contacts = DEMO_CONTACTS.filter((contact) => contact.customerId === customer.id && contact.portalAccess);
    const contact = random.chance(0.85) ? random.pick(contacts) : null;

    // Cases about an order name one placed before the case was opened.
    const earlierOrders = (history.orders[customerIndex] ?? []).filter((order) => order.day <= day);
    const templates = earlierOrders.length > 0 ? CASE_TEMPLATES : CASE_TEMPLATES.filter((template) => !template.subject.includes('{order}'));
    const template = random.pick(templates);
    const orderNumber = earlierOrders.length > 0 ? random.pick(earlierOrders.slice(-10)).number : '';

    // Cases open during office hours (08:00 to 18:00 UTC), and each comment follows 20 minutes to 2 days later.
    let time = Math.min(endOfBusinessDate, day * MS_PER_DAY + random.integer(8 * 60, 18 * 60 - 1) * MS_PER_MINUTE + random.integer(0, 59_999));
    const createdAt = instantOf(0, time);
    const comments = conversation(context, status, contact?.fullName ?? `${customer.name} (by phone)`);
    const commentRows: Record<string, unknown>[] = [];
    for (const comment of comments) {
      time = Math.min(endOfBusinessDate, time + random.integer(20, 2 * 24 * 60) * MS_PER_MINUTE + random.integer(0, 59_999));
      commentId += 1;
      commentRows.push({
        id: adapter.idParameter(String(commentId)),
        case_id: adapter.idParameter(String(id)),
        author_name: comment.author,
        from_support: adapter.booleanParameter(comment.fromSupport),
        is_public: adapter.booleanParameter(comment.isPublic),
        body: comment.body,
        created_at: adapter.instantParameter(instantOf(0, time)),
      });
    }
    const updatedAt = instantOf(0, time);

    await writer.add('erp_service_cases', {
      id: adapter.idParameter(String(id)),
      customer_id: adapter.idParameter(String(customer.id)),
      case_number: caseNumberForId(String(id)),
      subject: template.subject.replace('{order}', orderNumber),
      description: template.description.replaceAll('{order}', orderNumber),
      status,
      priority,
      contact_id: contact === null ? null : adapter.idParameter(String(contact.id)),
      created_at: adapter.instantParameter(createdAt),
      updated_at: adapter.instantParameter(updatedAt),
      closed_at: status === 'CLOSED' ? adapter.instantParameter(updatedAt) : null,
    });
    for (const row of commentRows) {
      await writer.add('erp_case_comments', row);
    }
  }
}
