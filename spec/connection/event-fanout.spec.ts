import { expect } from 'chai';
import type { Subscription } from 'rxjs';
import { marbles } from 'rxjs-marbles/mocha';
import { EventFanout } from '../../lib/connection/event-fanout.js';

// prettier-ignore
describe('EventFanout', () => {
  it('is hot: each subscriber gets the values emitted while it is subscribed, then the completion', marbles((m) => {
    const fanout = new EventFanout<string>();
    m.scheduler.schedule(() => { fanout.next('a'); }, 1);
    m.scheduler.schedule(() => { fanout.next('b'); }, 3);
    m.scheduler.schedule(() => { fanout.next('c'); }, 5);
    m.scheduler.schedule(() => { fanout.complete(); }, 7);
    m.expect(fanout.events$).toBeObservable('-a-b-c-|');
    m.expect(fanout.events$, '  ---^-!').toBeObservable('-----c--');
    m.expect(fanout.events$, '  ----^---').toBeObservable('-----c-|');
  }));

  it('passes an error to every subscriber, and at once to a later one', () => {
    const fanout = new EventFanout<number>();
    const seen: string[] = [];
    fanout.events$.subscribe({ next: (v) => seen.push(`1:${v}`), error: (e: unknown) => seen.push(`1:${String(e)}`) });
    fanout.events$.subscribe({ next: (v) => seen.push(`2:${v}`), error: (e: unknown) => seen.push(`2:${String(e)}`) });
    fanout.next(1);
    fanout.error('boom');
    fanout.next(2);
    fanout.events$.subscribe({ error: (e: unknown) => seen.push(`3:${String(e)}`) });
    expect(seen).to.deep.equal(['1:1', '2:1', '1:boom', '2:boom', '3:boom']);
    expect(fanout.observed).to.equal(false);
  });

  it('stops delivering to a subscriber that unsubscribes during a delivery, and keeps the others', () => {
    const fanout = new EventFanout<number>();
    const seen: string[] = [];
    const second = fanout.events$.subscribe({ next: (v) => seen.push(`b:${v}`), error: (e: unknown) => { throw e; } });
    const first = fanout.events$.subscribe({ next: (v) => { seen.push(`a:${v}`); second.unsubscribe(); }, error: (e: unknown) => { throw e; } });
    // `second` was subscribed first, so it hears 1 before `first` unsubscribes it.
    fanout.next(1);
    fanout.next(2);
    expect(seen).to.deep.equal(['b:1', 'a:1', 'a:2']);
    first.unsubscribe();
    expect(fanout.observed).to.equal(false);
  });

  it('does not deliver the current value to a later subscriber unsubscribed by an earlier one', () => {
    const fanout = new EventFanout<number>();
    const seen: string[] = [];
    const later: { subscription?: Subscription } = {};
    fanout.events$.subscribe({ next: (v) => { seen.push(`a:${v}`); later.subscription?.unsubscribe(); }, error: (e: unknown) => { throw e; } });
    later.subscription = fanout.events$.subscribe({ next: (v) => seen.push(`b:${v}`), error: (e: unknown) => { throw e; } });
    fanout.next(1);
    expect(seen).to.deep.equal(['a:1']);
  });
});
