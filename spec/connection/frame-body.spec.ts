import { expect } from 'chai';
import { checkFrameBody, isValidPlainBody, type FrameBodyContext } from '../../lib/connection/frame-body.js';
import { createPrng, randomInt, type Prng } from '../../lib/sim/prng.js';
import { STOCK_MIX_CYCLE, stockMixBlock } from '../../bench/tick-mix.js';

const AFTER_HANDSHAKE: FrameBodyContext = { handshake: false, serverVersion: 193 };
const body = (...fields: string[]): Buffer => Buffer.from(`${fields.join('\0')}\0`, 'utf8');

/** The bodies of every frame of one stock-mix cycle (what the tick path sees most). */
const stockMixBodies = (): Buffer[] => {
  const block = stockMixBlock(7);
  const bodies: Buffer[] = [];
  for (let at = 0; at < block.length; ) {
    const end = at + 4 + block.readUInt32BE(at);
    bodies.push(block.subarray(at + 4, end));
    at = end;
  }
  return bodies;
};

/** Field texts near the number grammar's edges. */
const FIELD_PIECES = ['', '0', '7', '12', '1.5', '-3', '+4', '.5', '5.', '1,000', ',1', '1e5', '1E-2', '1e', 'e5', '.', '-', '+-1', '1..2', 'abc', ' 1', '1 ', '1.5.', '--1', '١', 'é', '∞', 'NaN'];
const MESSAGE_IDS = ['1', '2', '4', '9', '15', '45', '46', '49', '52', '57', '58', '81', '3', '0', '1234567', 'x', ''];

const randomBody = (rng: Prng): Buffer => {
  const fields = [MESSAGE_IDS[randomInt(rng, 0, MESSAGE_IDS.length - 1)] ?? '1'];
  const count = randomInt(rng, 0, 8);
  for (let i = 0; i < count; i++) fields.push(FIELD_PIECES[randomInt(rng, 0, FIELD_PIECES.length - 1)] ?? '');
  const bytes = body(...fields);
  // Now and then a control byte, a high byte or a lost terminator.
  const damage = randomInt(rng, 0, 9);
  if (damage === 0) bytes[randomInt(rng, 0, bytes.length - 1)] = randomInt(rng, 1, 0x1f);
  if (damage === 1) bytes[randomInt(rng, 0, bytes.length - 1)] = randomInt(rng, 0x80, 0xff);
  if (damage === 2) return bytes.subarray(0, bytes.length - 1);
  return bytes;
};

describe('isValidPlainBody', () => {
  it('decides every frame of the stock tick mix by itself (valid), as checkFrameBody does', () => {
    const bodies = stockMixBodies();
    expect(bodies).to.have.length(STOCK_MIX_CYCLE);
    for (const b of bodies) {
      expect(checkFrameBody(b, AFTER_HANDSHAKE)).to.equal(undefined);
      expect(isValidPlainBody(b, 0, b.length, AFTER_HANDSHAKE)).to.equal(true, b.toString('latin1'));
    }
  });

  it('accepts the numbers TWS writes and refuses what the NUMBER grammar refuses, field by field', () => {
    const ok = ['', '0', '101.25', '-1', '+2', '.5', '5.', '1,234.5', '1e5', '2.5E-3'];
    const bad = ['1e', 'e5', '.', '-', '1..2', 'abc', ' 1', '1.5.', '--1', ',1', '1e+'];
    for (const price of ok) {
      const b = body('1', '6', '7', '1', price, '100', '0');
      expect(isValidPlainBody(b, 0, b.length, AFTER_HANDSHAKE), price).to.equal(true);
    }
    for (const price of bad) {
      const b = body('1', '6', '7', '1', price, '100', '0');
      expect(isValidPlainBody(b, 0, b.length, AFTER_HANDSHAKE), price).to.equal(false);
      expect(checkFrameBody(b, AFTER_HANDSHAKE)?.reason, price).to.equal('bad-field');
    }
  });

  it('leaves the handshake, non-ASCII text and wrong field counts to checkFrameBody', () => {
    expect(isValidPlainBody(body('193', '20260101 00:00:00 UTC'), 0, 25, { handshake: true, serverVersion: 0 })).to.equal(false);
    const accented = body('4', '2', '-1', '2104', 'Market data farm connection is OK: usfarmé');
    expect(isValidPlainBody(accented, 0, accented.length, AFTER_HANDSHAKE)).to.equal(false);
    expect(checkFrameBody(accented, AFTER_HANDSHAKE)).to.equal(undefined);
    const short = body('2', '6', '7', '0');
    expect(isValidPlainBody(short, 0, short.length, AFTER_HANDSHAKE)).to.equal(false);
  });

  it('checks only its range of a larger buffer', () => {
    const b = body('2', '6', '7', '0', '300');
    const framed = Buffer.concat([Buffer.from([0x01, 0x02]), b, Buffer.from('x\x01')]);
    expect(isValidPlainBody(framed, 2, 2 + b.length, AFTER_HANDSHAKE)).to.equal(true);
  });

  it('never accepts a body checkFrameBody rejects (differential, 20 000 random bodies)', () => {
    const rng = createPrng(12);
    let accepted = 0;
    for (let i = 0; i < 20_000; i++) {
      const b = randomBody(rng);
      const plain = isValidPlainBody(b, 0, b.length, AFTER_HANDSHAKE);
      const violation = checkFrameBody(b, AFTER_HANDSHAKE);
      if (plain) {
        accepted++;
        expect(violation, JSON.stringify(b.toString('latin1'))).to.equal(undefined);
      } else if (violation === undefined) {
        // Not decided by the plain check: only bodies with non-ASCII bytes may be valid then.
        expect(b.some((x) => x >= 0x80), JSON.stringify(b.toString('latin1'))).to.equal(true);
      }
    }
    expect(accepted).to.be.greaterThan(1000);
  });
});
