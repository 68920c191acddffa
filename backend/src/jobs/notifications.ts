// Notices to people: the owner on a new assignment or a handoff (with its
// note), the manager on an escalation or a complaint. Sent from the outbox
// (durable, retried with backoff) by email over SMTP and/or Slack incoming
// webhooks, as each member prefers. A non-urgent notice waits for the
// recipient's business hours; opt-outs, complaints and 0m breaches do not.
import { isWorkingTime, addBusinessMinutes } from '../domain/business-time/business-time.ts';
import { calendarFor } from '../domain/sla/sla-clock.ts';
import { claimDueEvents, markDelivered, markFailed, postpone, type OutboxRow } from '../store/outbox.ts';
import { allOrgRetentions } from '../store/orgs.ts';
import { inTransaction } from '../store/scope.ts';
import { withOrg, type Deps } from '../use-cases/deps.ts';
import { loadPolicy } from '../use-cases/policy.ts';
import { retryDelayMs } from './outbox-delivery.ts';

export interface NotificationChannels {
  sendMail(message: { to: string; subject: string; text: string }): Promise<void>;
  postSlack(webhookUrl: string, body: { text: string }): Promise<void>;
}

export interface Notice {
  subject: string;
  text: string;
  urgent: boolean;
}

/** The words of a notice: short, why the reader gets it, and a link. Pure. */
export function renderNotice(event: Pick<OutboxRow, 'kind' | 'payload'>, appBaseUrl: string): Notice {
  const p = event.payload as Record<string, unknown>;
  const link = `${appBaseUrl.replace(/\/$/, '')}/threads/${String(p.threadId)}`;
  const prospect = typeof p.prospect === 'string' ? p.prospect : 'a prospect';
  const urgent = p.urgent === true;
  switch (event.kind) {
    case 'notify.assigned': {
      const note = p.note as { context?: string; whatHappened?: string; nextStep?: string } | undefined;
      const why = note ? `${String(p.by ?? 'A teammate')} handed you the conversation with ${prospect}` : `A reply from ${prospect} is yours`;
      const lines = [`${why}${p.category ? ` (${String(p.category).replace('_', ' ')})` : ''}.`];
      if (typeof p.explanation === 'string') lines.push(p.explanation);
      if (note) lines.push(`Context: ${note.context ?? ''}`, `What happened: ${note.whatHappened ?? ''}`, `Next step: ${note.nextStep ?? ''}`);
      lines.push(link);
      return { subject: note ? `Handed to you: ${prospect}` : `New reply for you: ${prospect}`, text: lines.join('\n'), urgent };
    }
    case 'notify.manager':
      return {
        subject: p.reason === 'complaint' ? `Complaint from ${prospect}` : `A reply missed its response time`,
        text: `${p.reason === 'complaint' ? `${prospect} complained` : `The first-response clock ran out (step ${String(p.level ?? 1)})`}; you are told as the team's manager.\n${link}`,
        urgent: urgent || p.reason === 'complaint',
      };
    case 'notify.owner':
      return { subject: 'A reply of yours missed its response time', text: `The reply you own has passed its first-response target.\n${link}`, urgent };
    default:
      return { subject: 'Reply routing', text: link, urgent };
  }
}

/** One sweep over every org: returns how many notices were sent, postponed and failed. */
export async function dispatchNotifications(
  deps: Deps,
  channels: NotificationChannels,
  appBaseUrl: string,
): Promise<{ sent: number; postponed: number; failed: number }> {
  const counts = { sent: 0, postponed: 0, failed: 0 };
  for (const org of await allOrgRetentions(deps.db)) {
    await withOrg(deps, org.id, async (scope) => {
      const compiled = await loadPolicy(scope);
      await inTransaction(scope, async (tx) => {
        const now = deps.clock.now();
        for (const event of await claimDueEvents(tx, now, 100, 'notifications')) {
          const to = String((event.payload as Record<string, unknown>).to ?? '');
          const member = compiled.members.get(to);
          const notice = renderNotice(event, appBaseUrl);
          if (!member) {
            await markDelivered(tx, event.id, now); // nobody left to tell
            continue;
          }
          const calendar = calendarFor(compiled.policy, to);
          if (!notice.urgent && !isWorkingTime(calendar, now)) {
            await postpone(tx, event.id, addBusinessMinutes(calendar, now, 0));
            counts.postponed += 1;
            continue;
          }
          try {
            for (const channel of member.notify) {
              if (channel === 'email') await channels.sendMail({ to, subject: notice.subject, text: notice.text });
              if (channel === 'slack' && member.slack_webhook) await channels.postSlack(member.slack_webhook, { text: `*${notice.subject}*\n${notice.text}` });
            }
            await markDelivered(tx, event.id, deps.clock.now());
            counts.sent += 1;
          } catch (error) {
            await markFailed(tx, event.id, (error as Error).message, new Date(now.getTime() + retryDelayMs(event.attempts)));
            counts.failed += 1;
          }
        }
      });
    });
  }
  return counts;
}

export function startNotifications(deps: Deps, channels: NotificationChannels, appBaseUrl: string, everyMs = 15_000): { stop(): void } {
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    dispatchNotifications(deps, channels, appBaseUrl)
      .then((c) => {
        if (c.sent + c.failed > 0) deps.log.info('notifications: sweep', c);
      })
      .catch((error: unknown) => deps.log.error('notifications: sweep failed', { error: String(error) }))
      .finally(() => (running = false));
  }, everyMs);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
