import { expect } from 'chai';
import fc from 'fast-check';
import { marbles } from 'rxjs-marbles/mocha';
import { concat, defer, delay, ignoreElements, of, tap, timer, VirtualAction, VirtualTimeScheduler, type Observable } from 'rxjs';
import { HistoricalGovernor } from '../../lib/history/historical-governor.js';
import { historicalPacingRules, type HistoricalPacingRules } from '../../lib/history/pacing-rules.js';
import type { PacingTicket } from '../../lib/history/pacing-verdict.js';

const isSent = (value: string): boolean => value === 's';

/** Small rules for marble time: identical 6, burst 2 per 4, window 3 per 10, 3 open, no margin. */
const RULES: HistoricalPacingRules = historicalPacingRules(3, {
  windowMs: 10, identicalWindowMs: 6, burstWindowMs: 4, burstMax: 2, maxOpen: 3, marginMs: 0,
});

const ticket = (key: string, identity = `${key}-${Math.random()}`, weight = 1, small = true): PacingTicket => ({ identity, key, weight, small });

// prettier-ignore
describe('HistoricalGovernor', () => {
  it('lets jobs through at once while the rules allow', marbles((m) => {
    const governor = new HistoricalGovernor(RULES, m.scheduler);
    m.expect(governor.through$(m.cold('(s|)'), ticket('a'), isSent)).toBeObservable('(s|)');
    m.expect(governor.through$(m.cold('(s|)'), ticket('b'), isSent)).toBeObservable('(s|)');
  }));

  it('holds a third request for one contract until the first left the burst window', marbles((m) => {
    const governor = new HistoricalGovernor(RULES, m.scheduler);
    const jobs = [m.cold('(s|)'), m.cold('(s|)'), m.cold('(s|)')];
    m.expect(governor.through$(jobs[0]!, ticket('a'), isSent)).toBeObservable('(s|)');
    m.expect(governor.through$(jobs[1]!, ticket('a'), isSent)).toBeObservable('(s|)');
    m.expect(governor.through$(jobs[2]!, ticket('a'), isSent)).toBeObservable('----(s|)');
    m.expect(jobs[2]!).toHaveSubscriptions(['----(^!)']);
  }));

  it('lets other contracts pass a job held back by the same-contract rule, and keeps the order per contract', marbles((m) => {
    const governor = new HistoricalGovernor({ ...RULES, windowMax: 10 }, m.scheduler);
    m.expect(governor.through$(m.cold('(s|)'), ticket('a'), isSent)).toBeObservable('(s|)');
    m.expect(governor.through$(m.cold('(s|)'), ticket('a'), isSent)).toBeObservable('(s|)');
    m.expect(governor.through$(m.cold('(s|)'), ticket('a'), isSent)).toBeObservable('----(s|)');
    m.expect(governor.through$(m.cold('(s|)'), ticket('b'), isSent)).toBeObservable('(s|)');
    m.expect(governor.through$(m.cold('(s|)'), ticket('a'), isSent)).toBeObservable('----(s|)');
    m.expect(governor.through$(m.cold('(s|)'), ticket('a'), isSent)).toBeObservable('--------(s|)');
  }));

  it('counts BID_ASK twice', marbles((m) => {
    const governor = new HistoricalGovernor(RULES, m.scheduler);
    m.expect(governor.through$(m.cold('(s|)'), ticket('a', 'x', 2), isSent)).toBeObservable('(s|)');
    m.expect(governor.through$(m.cold('(s|)'), ticket('a'), isSent)).toBeObservable('----(s|)');
  }));

  it('holds an identical request for the identical window', marbles((m) => {
    const governor = new HistoricalGovernor(RULES, m.scheduler);
    m.expect(governor.through$(m.cold('(s|)'), ticket('a', 'same'), isSent)).toBeObservable('(s|)');
    m.expect(governor.through$(m.cold('(s|)'), ticket('a', 'same'), isSent)).toBeObservable('------(s|)');
  }));

  it('holds every later small job while the long window is full, in call order', marbles((m) => {
    const governor = new HistoricalGovernor(RULES, m.scheduler);
    for (const key of ['a', 'b', 'c']) m.expect(governor.through$(m.cold('(s|)'), ticket(key), isSent)).toBeObservable('(s|)');
    m.expect(governor.through$(m.cold('(s|)'), ticket('d'), isSent)).toBeObservable('----------(s|)');
    m.expect(governor.through$(m.cold('(s|)'), ticket('e'), isSent)).toBeObservable('----------(s|)');
  }));

  it('lets large-bar requests pass a full long window (only the open cap applies to them)', marbles((m) => {
    const governor = new HistoricalGovernor(RULES, m.scheduler);
    for (const key of ['a', 'b', 'c']) m.expect(governor.through$(m.cold('(s|)'), ticket(key), isSent)).toBeObservable('(s|)');
    m.expect(governor.through$(m.cold('(s|)'), ticket('d'), isSent)).toBeObservable('----------(s|)');
    m.expect(governor.through$(m.cold('(s|)'), ticket('daily', 'daily', 1, false), isSent)).toBeObservable('(s|)');
  }));

  it('keeps at most maxOpen jobs open; the next one goes when one ends', marbles((m) => {
    const governor = new HistoricalGovernor(RULES, m.scheduler);
    const open$ = (key: string): Observable<string> => governor.through$(m.cold('s-----|'), ticket(key, key, 1, false), isSent);
    m.expect(open$('a')).toBeObservable('s-----|');
    m.expect(open$('b')).toBeObservable('s-----|');
    m.expect(open$('c')).toBeObservable('s-----|');
    m.expect(open$('d')).toBeObservable('------s-----|');
  }));

  it('counts a job not yet sent as sent now, and starts its window when it is sent', marbles((m) => {
    const governor = new HistoricalGovernor(RULES, m.scheduler);
    m.expect(governor.through$(m.cold('---(s|)'), ticket('a', 'same'), isSent)).toBeObservable('---(s|)');
    m.expect(governor.through$(m.cold('(s|)'), ticket('a', 'same'), isSent)).toBeObservable('---------(s|)');
  }));

  it('forgets a job that ended before it was sent (it counts in no window)', marbles((m) => {
    const governor = new HistoricalGovernor(RULES, m.scheduler);
    m.expect(governor.through$(m.cold('--#'), ticket('a', 'same'), isSent)).toBeObservable('--#');
    m.expect(governor.through$(m.cold('(s|)'), ticket('a', 'same'), isSent)).toBeObservable('--(s|)');
  }));

  it('drops a job unsubscribed while queued: it never runs', marbles((m) => {
    const governor = new HistoricalGovernor(RULES, m.scheduler);
    const held$ = m.cold('(s|)');
    m.expect(governor.through$(m.cold('(s|)'), ticket('a', 'same'), isSent)).toBeObservable('(s|)');
    m.expect(governor.through$(held$, ticket('a', 'same'), isSent), '^--!').toBeObservable('----');
    m.expect(held$).toHaveSubscriptions([]);
  }));

  it('passes values, errors and completion of a running job through', marbles((m) => {
    const governor = new HistoricalGovernor(RULES, m.scheduler);
    m.expect(governor.through$(m.cold('a-s-b-#'), ticket('a'), isSent)).toBeObservable('a-s-b-#');
  }));

  it('never breaks a window rule or the open cap, and sends every job that was not cancelled (property)', () => {
    const rules = historicalPacingRules(4, { windowMs: 60, identicalWindowMs: 15, burstWindowMs: 8, burstMax: 3, maxOpen: 3, marginMs: 0 });
    const job = fc.record({
      at: fc.integer({ min: 0, max: 150 }),
      key: fc.constantFrom('a', 'b', 'c'),
      variant: fc.integer({ min: 0, max: 2 }),
      weight: fc.constantFrom(1, 1, 2),
      small: fc.boolean(),
      sendAfter: fc.integer({ min: 0, max: 6 }),
      holdFor: fc.integer({ min: 0, max: 30 }),
      cancelAfter: fc.option(fc.integer({ min: 0, max: 80 }), { freq: 4 }),
    });
    fc.assert(
      fc.property(fc.array(job, { maxLength: 25 }), (jobs) => {
        const scheduler = new VirtualTimeScheduler(VirtualAction, Number.POSITIVE_INFINITY);
        const governor = new HistoricalGovernor(rules, scheduler);
        const sends: { readonly job: number; readonly t: number; readonly ticket: PacingTicket }[] = [];
        const admitted: number[] = [];
        let open = 0;
        let maxOpen = 0;
        jobs.forEach((spec, i) => {
          const t: PacingTicket = { identity: `${spec.key}${spec.variant}`, key: spec.key, weight: spec.weight, small: spec.small };
          const job$ = defer(() => {
            admitted.push(i);
            open += 1;
            maxOpen = Math.max(maxOpen, open);
            const sent$ = of('s').pipe(delay(spec.sendAfter, scheduler), tap(() => sends.push({ job: i, t: scheduler.now(), ticket: t })));
            return concat(sent$, timer(spec.holdFor, scheduler).pipe(ignoreElements()));
          }).pipe(tap({ complete: () => { open -= 1; }, error: () => { open -= 1; }, unsubscribe: () => { open -= 1; } }));
          scheduler.schedule(() => {
            const sub = governor.through$(job$, t, isSent).subscribe({ error: (e: unknown) => { throw e; } });
            if (spec.cancelAfter !== null) scheduler.schedule(() => { sub.unsubscribe(); }, spec.cancelAfter);
          }, spec.at);
        });
        scheduler.flush();
        expect(maxOpen).to.be.at.most(rules.maxOpen);
        const small = sends.filter((s) => s.ticket.small);
        for (const s of small) {
          const before = small.filter((o) => o !== s && o.t <= s.t && (o.t < s.t || o.job < s.job));
          const weight = (list: typeof small): number => list.reduce((n, o) => n + o.ticket.weight, 0);
          expect(before.filter((o) => o.ticket.identity === s.ticket.identity && s.t - o.t < rules.identicalWindowMs), 'identical').to.deep.equal([]);
          const burst = before.filter((o) => o.ticket.key === s.ticket.key && s.t - o.t < rules.burstWindowMs);
          if (burst.length > 0) expect(weight(burst) + s.ticket.weight, 'burst').to.be.at.most(rules.burstMax);
          const window = before.filter((o) => s.t - o.t < rules.windowMs);
          if (window.length > 0) expect(weight(window) + s.ticket.weight, 'window').to.be.at.most(rules.windowMax);
        }
        const sent = new Set(sends.map((s) => s.job));
        jobs.forEach((spec, i) => { if (spec.cancelAfter === null) expect(sent.has(i), `job ${i} sent`).to.equal(true); });
        for (const key of ['a', 'b', 'c']) {
          const ofKey = (i: number): boolean => jobs[i]!.small && jobs[i]!.key === key;
          const order = admitted.filter(ofKey);
          const asked = jobs.map((spec, i) => ({ spec, i })).filter(({ i }) => ofKey(i) && order.includes(i)).sort((a, b) => a.spec.at - b.spec.at || a.i - b.i).map(({ i }) => i);
          expect(order, `admission order of ${key}`).to.deep.equal(asked);
        }
      }),
    );
  });
});

