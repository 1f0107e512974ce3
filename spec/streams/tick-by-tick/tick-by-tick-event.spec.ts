import { expect } from 'chai';
import type { IbEvent } from '../../../lib/connection/ib-event.js';
import { ProtocolError } from '../../../lib/errors.js';
import { tickByTickFromEvent } from '../../../lib/streams/tick-by-tick/tick-by-tick-event.js';

const allLast = (tickType: number, over: Partial<IbEvent> = {}): IbEvent => ({
  type: 'tickByTickAllLast', reqId: 3, tickType, tickTime: '1760000001', price: 10.5, size: 200, pastLimit: true, unreported: false,
  exchange: 'NYSE', specialConditions: 'T I', time: 0, ...over,
} as IbEvent);

describe('tickByTickFromEvent', () => {
  it('maps Last / AllLast trades by their tickType (1 / 2), time to epoch ms, attributes kept', () => {
    expect(tickByTickFromEvent(allLast(1), 'Last')).to.deep.equal({
      type: 'Last', time: 1_760_000_001_000, price: 10.5, size: 200, exchange: 'NYSE', specialConditions: 'T I', pastLimit: true, unreported: false,
    });
    expect(tickByTickFromEvent(allLast(2), 'AllLast')).to.deep.include({ type: 'AllLast' });
    expect(tickByTickFromEvent(allLast(2), 'Last'), 'an AllLast event on a Last request').to.equal(undefined);
  });

  it('maps BidAsk quotes and MidPoint, with their attributes', () => {
    const quote: IbEvent = {
      type: 'tickByTickBidAsk', reqId: 1, tickTime: '1760000002', bidPrice: 10, askPrice: 10.1, bidSize: 3, askSize: 4, bidPastLow: false, askPastHigh: true, time: 0,
    };
    expect(tickByTickFromEvent(quote, 'BidAsk')).to.deep.equal({
      type: 'BidAsk', time: 1_760_000_002_000, bidPrice: 10, askPrice: 10.1, bidSize: 3, askSize: 4, bidPastLow: false, askPastHigh: true,
    });
    expect(tickByTickFromEvent({ type: 'tickByTickMidPoint', reqId: 1, tickTime: '1760000003', midPoint: 10.05, time: 0 }, 'MidPoint')).to.deep.equal({
      type: 'MidPoint', time: 1_760_000_003_000, midPoint: 10.05,
    });
    expect(tickByTickFromEvent(quote, 'MidPoint')).to.equal(undefined);
  });

  it('returns a new object for every event', () => {
    const event = allLast(1);
    expect(tickByTickFromEvent(event, 'Last')).not.to.equal(tickByTickFromEvent(event, 'Last'));
  });

  it('throws a ProtocolError naming an unreadable time or a missing price', () => {
    expect(() => tickByTickFromEvent(allLast(1, { tickTime: 'x' }), 'Last')).to.throw(ProtocolError, /unreadable time "x"/);
    expect(() => tickByTickFromEvent(allLast(1, { price: undefined }), 'Last')).to.throw(ProtocolError, /no price/);
  });
});
