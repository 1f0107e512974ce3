import { expect } from 'chai';
import fc from 'fast-check';
import { marbles } from 'rxjs-marbles/mocha';
import { delay, map, of, VirtualAction, VirtualTimeScheduler, type Observable } from 'rxjs';
import { SpacingGate } from '../../lib/contracts/spacing-gate.js';

const isSent = (value: string): boolean => value === 's';

// prettier-ignore
describe('SpacingGate', () => {
  it('lets one job through at once and the next one interval after the first was sent', marbles((m) => {
    const gate = new SpacingGate(3, m.scheduler);
    const job1$ = m.cold('-s--a|');
    const job2$ = m.cold('-s--b|');
    m.expect(gate.through$(job1$, isSent)).toBeObservable('-s--a|');
    m.expect(gate.through$(job2$, isSent)).toBeObservable('-----s--b|');
    m.expect(job1$).toHaveSubscriptions(['^----!']);
    m.expect(job2$).toHaveSubscriptions(['----^----!']);
  }));

  it('keeps the call order and the spacing for many queued jobs', marbles((m) => {
    const gate = new SpacingGate(2, m.scheduler);
    const jobs = [m.cold('(s|)'), m.cold('(s|)'), m.cold('(s|)'), m.cold('(s|)')];
    const sub =   '^';
    jobs.forEach((job$, i) => { m.expect(gate.through$(job$, isSent), sub).toBeObservable(`${'-'.repeat(2 * i)}(s|)`); });
    jobs.forEach((job$, i) => { m.expect(job$).toHaveSubscriptions([`${'-'.repeat(2 * i)}(^!)`]); });
  }));

  it('waits while a job has not been sent yet (e.g. queued for the pacing budget), however long', marbles((m) => {
    const gate = new SpacingGate(2, m.scheduler);
    const slow$ = m.cold('------s-a|');
    const next$ = m.cold('(s|)');
    m.expect(gate.through$(slow$, isSent)).toBeObservable('------s-a|');
    m.expect(gate.through$(next$, isSent)).toBeObservable('--------(s|)');
  }));

  it('frees the gate when a job ends or fails before it was sent, without waiting an interval', marbles((m) => {
    const gate = new SpacingGate(5, m.scheduler);
    const failing$ = m.cold('--#', undefined, new Error('refused'));
    const empty$ = m.cold('-|');
    const next$ = m.cold('(s|)');
    m.expect(gate.through$(failing$, isSent)).toBeObservable('--#', undefined, new Error('refused'));
    m.expect(gate.through$(empty$, isSent)).toBeObservable('---|');
    m.expect(gate.through$(next$, isSent)).toBeObservable('---(s|)');
  }));

  it('drops a job unsubscribed while queued (it never runs, takes no turn)', marbles((m) => {
    const gate = new SpacingGate(3, m.scheduler);
    const first$ = m.cold('s---|');
    const dropped$ = m.cold('(s|)');
    const last$ = m.cold('(s|)');
    m.expect(gate.through$(first$, isSent)).toBeObservable('s---|');
    m.expect(gate.through$(dropped$, isSent), '^-!').toBeObservable('---');
    m.expect(gate.through$(last$, isSent)).toBeObservable('---(s|)');
    m.expect(dropped$).toHaveSubscriptions([]);
  }));

  it('frees the gate when a running job is unsubscribed before it was sent', marbles((m) => {
    const gate = new SpacingGate(3, m.scheduler);
    const never$ = m.cold('-');
    const next$ = m.cold('(s|)');
    m.expect(gate.through$(never$, isSent), '^-!').toBeObservable('---');
    m.expect(gate.through$(next$, isSent)).toBeObservable('--(s|)');
    m.expect(never$).toHaveSubscriptions(['^-!']);
  }));

  it('keeps a never-sending job holding the gate until it ends', marbles((m) => {
    const gate = new SpacingGate(1, m.scheduler);
    const never$ = m.cold('-');
    const next$ = m.cold('(s|)');
    m.expect(gate.through$(never$, isSent)).toBeObservable('-');
    m.expect(gate.through$(next$, isSent)).toBeObservable('-');
    m.expect(next$).toHaveSubscriptions([]);
  }));

  it('passes every value of a job through, sent or not', marbles((m) => {
    const gate = new SpacingGate(1, m.scheduler);
    m.expect(gate.through$(m.cold('ab-s-cd|'), isSent)).toBeObservable('ab-s-cd|');
  }));

  it('rejects a negative interval', () => {
    expect(() => new SpacingGate(-1, new VirtualTimeScheduler())).to.throw(RangeError);
  });

  it('never lets two sends closer than the interval, whatever the arrivals, send delays and cancels (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 50 }),
        fc.array(fc.record({ at: fc.integer({ min: 0, max: 200 }), sendAfter: fc.integer({ min: 0, max: 40 }), cancelAfter: fc.option(fc.integer({ min: 0, max: 60 })) }), { maxLength: 12 }),
        (interval, jobs) => {
          const scheduler = new VirtualTimeScheduler(VirtualAction, Number.POSITIVE_INFINITY);
          const gate = new SpacingGate(interval, scheduler);
          const sends: { readonly job: number; readonly time: number }[] = [];
          jobs.forEach(({ at, sendAfter, cancelAfter }, job) => {
            const job$: Observable<string> = of('s').pipe(delay(sendAfter, scheduler));
            scheduler.schedule(() => {
              const sub = gate.through$(job$, isSent).pipe(map(() => ({ job, time: scheduler.now() }))).subscribe({ next: (sent) => sends.push(sent), error: (e: unknown) => { throw e; } });
              if (cancelAfter !== null) scheduler.schedule(() => { sub.unsubscribe(); }, cancelAfter);
            }, at);
          });
          scheduler.flush();
          for (let i = 1; i < sends.length; i++) expect(sends[i]!.time - sends[i - 1]!.time).to.be.at.least(interval);
          const subscribedOrder = jobs.map((job, i) => ({ i, at: job.at })).sort((a, b) => a.at - b.at || a.i - b.i).map((j) => j.i);
          const sentOrder = sends.map((s) => s.job);
          expect(sentOrder).to.deep.equal(subscribedOrder.filter((j) => sentOrder.includes(j)), 'in call order');
          const uncancelled = jobs.flatMap((job, i) => (job.cancelAfter === null ? [i] : []));
          for (const j of uncancelled) expect(sentOrder).to.include(j);
        },
      ),
    );
  });
});
