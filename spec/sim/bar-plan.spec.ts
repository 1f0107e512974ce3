import { expect } from 'chai';
import { planBars, spanStart } from '../../lib/sim/bar-plan.js';
import { parseBarSize, parseDuration, type BarSize, type Duration } from '../../lib/sim/bar-sizes.js';
import { listedContracts } from './support/history.js';
import { sessionCalendar, sessionsBetween } from '../../lib/sim/trading-sessions.js';

const size = (text: string): BarSize => parseBarSize(text) ?? expect.fail(`bar size ${text}`);
const span = (text: string): Duration => parseDuration(text) ?? expect.fail(`duration ${text}`);
/** Monday 2025-12-01 11:00 New York (16:00 UTC). */
const MONDAY_11_NY = Date.UTC(2025, 11, 1, 16, 0, 0);
const iso = (ms: number): string => new Date(ms).toISOString();

describe('planBars', () => {
  const { aapl, es, eurUsd } = listedContracts();
  const rth = sessionCalendar(aapl, true);
  const allHours = sessionCalendar(aapl, false);

  it('cuts a regular session into 78 five-minute bars from 09:30 to 16:00 New York', () => {
    const friday = Date.UTC(2025, 10, 28, 23, 0, 0);
    const slots = planBars(rth, size('5 mins'), span('1 D'), friday, 0);
    expect(slots).to.have.length(78);
    expect(iso(slots[0]!.label)).to.equal('2025-11-28T14:30:00.000Z');
    expect(iso(slots[77]!.to)).to.equal('2025-11-28T21:00:00.000Z');
    expect(slots.every((s) => s.date === undefined)).to.equal(true);
  });

  it('ends with the forming bar, cut at the end time', () => {
    const slots = planBars(rth, size('1 min'), span('600 S'), MONDAY_11_NY + 30_000, 0);
    const last = slots[slots.length - 1]!;
    expect(iso(last.label)).to.equal('2025-12-01T16:00:00.000Z');
    expect(last.to - last.from).to.equal(30_000);
    expect(slots).to.have.length(11);
  });

  it('starts hourly bars at the session open, then on the hour', () => {
    const slots = planBars(rth, size('1 hour'), span('1 D'), MONDAY_11_NY, 0);
    expect(slots.map((s) => iso(s.label))).to.deep.equal(['2025-12-01T14:30:00.000Z', '2025-12-01T15:00:00.000Z']);
  });

  it('covers 04:00 to 20:00 New York for stocks outside regular hours', () => {
    const slots = planBars(allHours, size('1 hour'), span('1 D'), Date.UTC(2025, 10, 29, 12), 0);
    expect(slots).to.have.length(16);
    expect(iso(slots[0]!.label)).to.equal('2025-11-28T09:00:00.000Z');
  });

  it('labels daily bars yyyyMMdd, skips weekends, counts D in trading days', () => {
    const slots = planBars(rth, size('1 day'), span('5 D'), MONDAY_11_NY, 0);
    expect(slots.map((s) => s.date)).to.deep.equal(['20251125', '20251126', '20251127', '20251128', '20251201']);
    expect(slots[4]!.to).to.equal(MONDAY_11_NY);
  });

  it('groups weeks from Monday and months by calendar month, labelled with their first trading day', () => {
    const weeks = planBars(rth, size('1 week'), span('3 W'), MONDAY_11_NY, 0);
    expect(weeks.map((s) => s.date)).to.deep.equal(['20251110', '20251117', '20251124', '20251201']);
    const months = planBars(rth, size('1M'), span('3 M'), MONDAY_11_NY, 0);
    expect(months.map((s) => s.date)).to.deep.equal(['20250901', '20251001', '20251103', '20251201']);
  });

  it('drops bars before the head timestamp', () => {
    const head = Date.UTC(2025, 10, 27, 12);
    expect(planBars(rth, size('1 day'), span('5 D'), MONDAY_11_NY, head).map((s) => s.date)).to.deep.equal(['20251127', '20251128', '20251201']);
  });

  it('opens futures sessions at 17:00 Chicago the evening before, forex at 17:15 New York', () => {
    const [esMonday] = sessionsBetween(sessionCalendar(es, false), MONDAY_11_NY, MONDAY_11_NY + 1);
    expect(iso(esMonday!.open)).to.equal('2025-11-30T23:00:00.000Z');
    const [fxMonday] = sessionsBetween(sessionCalendar(eurUsd, true), MONDAY_11_NY, MONDAY_11_NY + 1);
    expect(iso(fxMonday!.open)).to.equal('2025-11-30T22:15:00.000Z');
  });

  it('counts S, W, M and Y back from the end in the contract time zone', () => {
    expect(spanStart(rth, span('60 S'), MONDAY_11_NY)).to.equal(MONDAY_11_NY - 60_000);
    expect(spanStart(rth, span('2 W'), MONDAY_11_NY)).to.equal(MONDAY_11_NY - 14 * 86_400_000);
    expect(iso(spanStart(rth, span('1 M'), MONDAY_11_NY))).to.equal('2025-11-01T15:00:00.000Z');
    expect(iso(spanStart(rth, span('1 Y'), MONDAY_11_NY))).to.equal('2024-12-01T16:00:00.000Z');
  });
});

describe('parseBarSize / parseDuration', () => {
  it('knows IB\'s bar sizes with the longest duration each allows', () => {
    expect(parseBarSize('1 secs')?.maxDurationS).to.equal(1800);
    expect(parseBarSize('5 secs')?.maxDurationS).to.equal(3600);
    expect(parseBarSize('1 min')?.maxDurationS).to.equal(86_400);
    expect(parseBarSize('1 day')?.unit).to.equal('day');
    expect(parseBarSize('1W')?.unit).to.equal('week');
    expect(parseBarSize('1 sec')).to.equal(undefined);
    expect(parseBarSize('7 mins')).to.equal(undefined);
  });

  it('reads N S/D/W/M/Y and nothing else', () => {
    expect(parseDuration('60 S')).to.deep.equal({ count: 60, unit: 'S', seconds: 60 });
    expect(parseDuration('2 W')?.seconds).to.equal(14 * 86_400);
    expect(parseDuration('1 Y')?.seconds).to.equal(365 * 86_400);
    for (const bad of ['60', '1 d', '0 D', '1D', 'x S']) expect(parseDuration(bad), bad).to.equal(undefined);
  });
});
