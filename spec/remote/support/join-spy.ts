// A spy on the documented join subject and on reply inboxes (its own NATS connection): which
// joins each consumer sent and the sequence number each join's snapshot includes.
import { connect } from '@nats-io/transport-node';

/** What the spy saw. */
export interface JoinSpy {
  /** The snapshot sequence numbers of `consumer`'s joins, in order (`undefined`: no reply seen yet). */
  seqs(consumer: string): (number | undefined)[];
  close(): Promise<void>;
}

/** Starts spying on `prefix.ctl.join` of the NATS server at `url` (resolves once subscribed). */
export async function joinSpy(url: string, prefix = 'ibrx'): Promise<JoinSpy> {
  const spy = await connect({ servers: url.replace('nats://', '') });
  const joins: { readonly consumer: string; readonly reply: string | undefined }[] = [];
  const replies = new Map<string, number>();
  spy.subscribe(`${prefix}.ctl.join`, { callback: (_error, msg) => { joins.push({ consumer: msg.json<{ consumer: string }>().consumer, reply: msg.reply }); } });
  spy.subscribe('_INBOX.>', { callback: (_error, msg) => {
    const body = msg.json<{ seq?: unknown }>();
    if (typeof body.seq === 'number') replies.set(msg.subject, body.seq);
  } });
  await spy.flush();
  return {
    seqs: (consumer) => joins.filter((join) => join.consumer === consumer).map((join) => replies.get(join.reply ?? '')),
    close: () => spy.close(),
  };
}
