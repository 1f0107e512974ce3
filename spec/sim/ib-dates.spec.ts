import { expect } from 'chai';
import { formatBarTime, formatIbDateTime, parseEndDateTime } from '../../lib/sim/ib-dates.js';

const NOW = Date.UTC(2025, 11, 1, 16, 0, 0);
const iso = (ms: number | undefined): string | undefined => (ms === undefined ? undefined : new Date(ms).toISOString());

describe('parseEndDateTime', () => {
  it('reads an empty end as now', () => {
    expect(parseEndDateTime('', NOW, 'UTC')).to.deep.equal({ ms: NOW, impliedZone: false });
  });

  it('reads yyyyMMdd-HH:mm:ss as UTC', () => {
    expect(iso(parseEndDateTime('20251128-21:00:00', NOW, 'UTC')?.ms)).to.equal('2025-11-28T21:00:00.000Z');
  });

  it('reads a named time zone, and flags an end without one (TWS then warns with 2174)', () => {
    expect(iso(parseEndDateTime('20251128 16:00:00 US/Eastern', NOW, 'UTC')?.ms)).to.equal('2025-11-28T21:00:00.000Z');
    expect(parseEndDateTime('20251128 16:00:00 US/Eastern', NOW, 'UTC')?.impliedZone).to.equal(false);
    const implied = parseEndDateTime('20251128 16:00:00', NOW, 'UTC');
    expect(iso(implied?.ms)).to.equal('2025-11-28T16:00:00.000Z');
    expect(implied?.impliedZone).to.equal(true);
  });

  it('takes a time alone as today in that zone', () => {
    expect(iso(parseEndDateTime('09:45:00 US/Eastern', NOW, 'UTC')?.ms)).to.equal('2025-12-01T14:45:00.000Z');
  });

  it('refuses what TWS refuses (10314)', () => {
    for (const bad of ['2025-11-28', '20251128', '20251332 10:00:00', '20251128 25:00:00', '20251128 10:00:00 Mars/Olympus', 'yesterday']) {
      expect(parseEndDateTime(bad, NOW, 'UTC'), bad).to.equal(undefined);
    }
  });
});

describe('formatBarTime', () => {
  const label = Date.UTC(2025, 11, 1, 14, 30, 0);

  it('writes intraday bars as zoned text for formatDate 1 (TWS 10.17+) or the legacy two-space form', () => {
    expect(formatBarTime(label, undefined, 1, 'US/Eastern', 'zoned')).to.equal('20251201 09:30:00 US/Eastern');
    expect(formatBarTime(label, undefined, 1, 'US/Eastern', 'legacy')).to.equal('20251201  09:30:00');
  });

  it('writes intraday bars as epoch seconds for formatDate 2', () => {
    expect(formatBarTime(label, undefined, 2, 'US/Eastern', 'zoned')).to.equal(String(label / 1000));
  });

  it('keeps daily and longer bars as yyyyMMdd whatever formatDate is', () => {
    expect(formatBarTime(label, '20251201', 1, 'US/Eastern', 'zoned')).to.equal('20251201');
    expect(formatBarTime(label, '20251201', 2, 'US/Eastern', 'zoned')).to.equal('20251201');
  });

  it('writes span ends in the instrument zone', () => {
    expect(formatIbDateTime(Date.UTC(2025, 11, 1, 20, 0, 5), 'US/Central', 'zoned')).to.equal('20251201 14:00:05 US/Central');
  });
});
