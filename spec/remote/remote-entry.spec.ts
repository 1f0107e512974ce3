import { expect } from 'chai';
import { NEVER, Subject, type Observable } from 'rxjs';
import { marbles } from 'rxjs-marbles/mocha';
import { remoteEntry, type RemoteSink, type StartRemote } from '../../lib/remote/remote-entry.js';

/** A step as the remote stream reports it: the value after it, and the input (a lowercase letter is a tick; none for a snapshot). */
interface Step {
  readonly value: string;
  readonly input?: string;
}

/** A remote stream driven by `steps$` (each step one `sink.next`; its error `sink.error`), counting starts and stops. */
const driven = (steps$: Observable<Step>, log: string[] = []): StartRemote<string, string> => (sink: RemoteSink<string, string>) => {
  log.push('start');
  const subscription = steps$.subscribe({ next: (step) => { sink.next(step.value, step.input); }, error: sink.error });
  return () => {
    log.push('stop');
    subscription.unsubscribe();
  };
};

/** Ticks are the lowercase inputs (an uppercase one is, say, a market-data-type input: no `inputs$` value). */
const pickTicks = (input: string): string | undefined => (input === input.toLowerCase() ? input : undefined);

const steps: Record<string, Step> = {
  S: { value: 'S' },
  a: { value: 'A', input: 'a' },
  b: { value: 'B', input: 'b' },
  t: { value: 'B', input: 'T' },
  s: { value: 'B', input: 's' },
};

// prettier-ignore
describe('remoteEntry (one remote stream shared in a consumer process)', () => {
  it('shares one stream: a late value$ subscriber gets the latest value at once; inputs$ replays nothing', marbles((m) => {
    const steps$ = m.cold('--S--a--b--', steps);
    const entry = remoteEntry(driven(steps$), { pick: pickTicks, end$: NEVER, onEnd: () => undefined });
    m.expect(entry.value$).toBeObservable('--S--A--B--');
    m.expect(entry.inputs$, '       ------^----').toBeObservable('--------b--');
    m.expect(entry.value$, '        ------^----').toBeObservable('------A-B--');
    m.expect(steps$).toHaveSubscriptions('^----------');
  }));

  it('emits a value only when it is new, and a picked input even when the value did not change', marbles((m) => {
    // t: an input that is not a tick and changes nothing; s: a tick that leaves the value as it was.
    const steps$ = m.cold('-b-t-s-a-', steps);
    const entry = remoteEntry(driven(steps$), { pick: pickTicks, end$: NEVER, onEnd: () => undefined });
    m.expect(entry.value$).toBeObservable('-B-----A-');
    m.expect(entry.inputs$).toBeObservable('-b---s-a-');
  }));

  it('stops the stream after the last subscriber of either projection and starts afresh (nothing replayed) for the next', marbles((m) => {
    const steps$ = m.cold('-a-b-', steps);
    const entry = remoteEntry(driven(steps$), { pick: pickTicks, end$: NEVER, onEnd: () => undefined });
    m.expect(entry.value$, '^--!---------').toBeObservable('-A--');
    m.expect(entry.inputs$, '^----!-------').toBeObservable('-a-b-');
    m.expect(entry.value$, '-------^-----!').toBeObservable('--------A-B--');
    m.expect(steps$).toHaveSubscriptions(['^----!-------', '-------^-----!']);
  }));

  it('completes every subscriber when end$ emits (the session closed), and stops the stream', marbles((m) => {
    const steps$ = m.cold('-a-b-a-b-', steps);
    const end$ = m.hot('-----x---');
    const entry = remoteEntry(driven(steps$), { pick: pickTicks, end$, onEnd: () => undefined });
    m.expect(entry.value$).toBeObservable('-A-B-|');
    m.expect(entry.inputs$).toBeObservable('-a-b-|');
    m.expect(steps$).toHaveSubscriptions('^----!');
  }));

  it('delivers an error to every subscriber, in subscription order, after stopping the stream and calling onEnd', () => {
    const steps$ = new Subject<Step>();
    const log: string[] = [];
    const entry = remoteEntry(driven(steps$, log), { pick: pickTicks, end$: NEVER, onEnd: () => log.push('end') });
    entry.inputs$.subscribe({ next: (t) => log.push(`tick ${t}`), error: (e: unknown) => log.push(`inputs ${String(e)}`) });
    entry.value$.subscribe({ next: (v) => log.push(`value ${v}`), error: (e: unknown) => log.push(`value ${String(e)}`) });
    steps$.next({ value: 'A', input: 'a' });
    steps$.error(new Error('boom'));
    expect(log).to.deep.equal(['start', 'tick a', 'value A', 'stop', 'end', 'inputs Error: boom', 'value Error: boom']);
    expect(steps$.observed).to.equal(false);
    // A retry starts the stream again (here it fails at once: the subject has errored); the errored stream's value is not replayed.
    const again: string[] = [];
    entry.value$.subscribe({ next: (v) => again.push(v), error: () => again.push('error') });
    expect(log.filter((line) => line === 'start')).to.have.length(2);
    expect(again).to.deep.equal(['error']);
  });

  it('a subscriber that unsubscribes in its own next stops nobody else; the last one leaving stops the stream once', () => {
    const steps$ = new Subject<Step>();
    const log: string[] = [];
    const entry = remoteEntry(driven(steps$, log), { pick: pickTicks, end$: NEVER, onEnd: () => log.push('end') });
    const first = entry.value$.subscribe({ next: (v) => { log.push(`first ${v}`); first.unsubscribe(); }, error: (e: unknown) => { throw e; } });
    const second = entry.value$.subscribe({ next: (v) => log.push(`second ${v}`), error: (e: unknown) => { throw e; } });
    steps$.next({ value: 'A', input: 'a' });
    steps$.next({ value: 'B', input: 'b' });
    second.unsubscribe();
    second.unsubscribe();
    expect(log).to.deep.equal(['start', 'first A', 'second A', 'second B', 'stop', 'end']);
  });
});
