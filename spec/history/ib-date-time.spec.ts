import { expect } from 'chai';
import { formatEndDateTime, parseIbDateTime } from '../../lib/history/ib-date-time.js';

describe('parseIbDateTime', () => {
  it('reads epoch seconds (formatDate 2, intraday bars)', () => {
    expect(parseIbDateTime('1764599400')).to.equal(1_764_599_400_000);
    expect(parseIbDateTime(' 1764599400 ')).to.equal(1_764_599_400_000);
  });

  it('reads yyyyMMdd (daily and longer bars) as 00:00 UTC of that date', () => {
    expect(parseIbDateTime('20251201')).to.equal(Date.UTC(2025, 11, 1));
    expect(parseIbDateTime('20240229')).to.equal(Date.UTC(2024, 1, 29));
  });

  it('reads the legacy formatDate 1 form "yyyyMMdd  HH:mm:ss" (two spaces, no zone) as UTC', () => {
    expect(parseIbDateTime('20251201  09:30:00')).to.equal(Date.UTC(2025, 11, 1, 9, 30));
    expect(parseIbDateTime('20251201 09:30:05')).to.equal(Date.UTC(2025, 11, 1, 9, 30, 5));
  });

  it('reads the UTC form yyyyMMdd-HH:mm:ss', () => {
    expect(parseIbDateTime('20251201-14:30:00')).to.equal(Date.UTC(2025, 11, 1, 14, 30));
  });

  it('reads "yyyyMMdd HH:mm:ss zone" (TWS 10.17+) in that time zone, daylight saving included', () => {
    expect(parseIbDateTime('20251201 09:30:00 US/Eastern')).to.equal(Date.UTC(2025, 11, 1, 14, 30));
    expect(parseIbDateTime('20250701 09:30:00 US/Eastern')).to.equal(Date.UTC(2025, 6, 1, 13, 30));
    expect(parseIbDateTime('20251201 17:00:00 US/Central')).to.equal(Date.UTC(2025, 11, 1, 23, 0));
    expect(parseIbDateTime('20251201 10:00:00 Europe/London')).to.equal(Date.UTC(2025, 11, 1, 10, 0));
  });

  it('gives undefined for anything else: bad dates, bad times, unknown zones, text', () => {
    for (const text of ['', 'finished', '20251301', '20250230', '20251201 24:00:00', '20251201 09:61:00', '20251201 09:30:00 Mars/Olympus', '2025-12-01', '12.5']) {
      expect(parseIbDateTime(text), text).to.equal(undefined);
    }
  });
});

describe('formatEndDateTime', () => {
  it('writes an instant as yyyyMMdd-HH:mm:ss in UTC, milliseconds dropped', () => {
    expect(formatEndDateTime(Date.UTC(2025, 2, 5, 14, 30, 7, 999))).to.equal('20250305-14:30:07');
    expect(formatEndDateTime(Date.UTC(2025, 0, 1))).to.equal('20250101-00:00:00');
  });

  it('round-trips through parseIbDateTime', () => {
    const at = Date.UTC(2025, 11, 31, 23, 59, 59);
    expect(parseIbDateTime(formatEndDateTime(at))).to.equal(at);
  });
});
