import { describe, expect, it } from 'vitest';
import { CEMENT_BATCH_ML, CEMENT_DEVICES, CementDelivery, handMaxKPa } from '../../sim/instruments/cementDelivery';
import { Cement, type CementStepContext } from '../../sim/instruments/cement';
import { deliveryFor, parseScenario, type Scenario } from '../../levels/scenarioSchema';
import type { DomainEvent } from '../../sim/core/events';
import { vec3 } from '../../sim/math/vec3';
import { makeAnatomy } from './fixtures/anatomyFixture';
import { readFileSync } from 'node:fs';

const DT = 1 / 60;
const ROOM = { roomTempC: 22, preChilled: false };
const ctx = (tick: number): CementStepContext => ({
  tick,
  cannulaTip: vec3(3, 2, -6),
  cavityMl: 0,
  cavityCentre: null,
  breachOpenings: [],
});

describe('cement delivery devices', () => {
  it('clips a push to what the loaded device holds and notices it once per device', () => {
    const d = new CementDelivery('boneFiller');
    // Nothing before the cement is mixed, and no notice: there is no device yet.
    expect(d.take(1)).toBe(0);
    expect(d.takeEmptyNotice()).toBe(false);
    expect(d.loadNext()).toBe(false);
    d.fill();
    expect(d.view()).toEqual({
      device: 'boneFiller',
      loadedMl: 1.5,
      batchLeftMl: CEMENT_BATCH_ML - 1.5,
      devicesUsed: 1,
    });
    expect([d.take(0.5), d.take(0.5), d.take(0.5)]).toEqual([0.5, 0.5, 0.5]);
    expect(d.takeEmptyNotice()).toBe(false);
    expect(d.take(0.5)).toBe(0);
    expect(d.takeEmptyNotice()).toBe(true);
    expect(d.take(0.5)).toBe(0);
    expect(d.takeEmptyNotice()).toBe(false);
    expect(d.take(Number.NaN)).toBe(0);
    expect(d.take(-1)).toBe(0);
    d.loadNext();
    expect(d.take(2)).toBe(1.5);
    expect(d.takeEmptyNotice()).toBe(true);
  });

  it('a stopped plunger leaves the unpushed cement in the device, never more than it holds', () => {
    const d = new CementDelivery('syringe');
    d.giveBack(1);
    expect(d.view().loadedMl).toBe(0);
    d.fill();
    expect(d.take(0.8)).toBeCloseTo(0.8, 12);
    d.giveBack(0.3);
    expect(d.view().loadedMl).toBeCloseTo(0.5, 12);
    d.giveBack(5);
    expect(d.view().loadedMl).toBe(CEMENT_DEVICES.syringe.capacityMl);
  });

  it('fills devices from the batch until it runs out; a device put aside keeps its rest', () => {
    const d = new CementDelivery('boneFiller');
    d.fill();
    d.fill(); // once only
    expect(d.view().devicesUsed).toBe(1);
    d.take(1);
    let loads = 0;
    while (d.loadNext()) loads++;
    // 10 mL: six full 1.5 mL devices and a seventh with the last 1 mL.
    expect(loads).toBe(6);
    expect(d.view()).toEqual({ device: 'boneFiller', loadedMl: 1, batchLeftMl: 0, devicesUsed: 7 });
    expect(d.take(1.5)).toBe(1);
    expect(d.loadNext()).toBe(false);
    expect(d.take(0.1)).toBe(0);
  });

  it('a hand makes ~4 MPa on the bone filler and more on the 1 mL syringe (P = F / bore area)', () => {
    const bf = handMaxKPa(CEMENT_DEVICES.boneFiller);
    const syr = handMaxKPa(CEMENT_DEVICES.syringe);
    expect(bf).toBeGreaterThan(3500);
    expect(bf).toBeLessThan(4500);
    expect(syr).toBeGreaterThan(bf);
    expect(syr).toBeLessThan(8000);
    const { handForceN, boreMm } = CEMENT_DEVICES.syringe;
    expect(syr).toBeCloseTo((handForceN / (Math.PI * (boreMm / 2) ** 2)) * 1000, 6);
    expect(new CementDelivery('syringe').handMaxKPa).toBe(syr);
  });

  it('defaults to bone fillers for kyphoplasty and a syringe for vertebroplasty; a scenario may choose', () => {
    const kp = parseScenario(JSON.parse(readFileSync('levels/l1-osteoporotic-wedge.json', 'utf8')));
    const vp = parseScenario(JSON.parse(readFileSync('levels/t12-biconcave-vertebroplasty.json', 'utf8')));
    expect(deliveryFor(kp)).toBe('boneFiller');
    expect(deliveryFor(vp)).toBe('syringe');
    const chosen: Scenario = parseScenario({ ...kp, cement: { ...kp.cement, delivery: 'syringe' } });
    expect(deliveryFor(chosen)).toBe('syringe');
    expect(() => parseScenario({ ...kp, cement: { ...kp.cement, delivery: 'caulkingGun' } })).toThrow(
      /cement\.delivery/,
    );
  });
});

describe('cement with a delivery device', () => {
  function mixedAtWorking(device: 'boneFiller' | 'syringe'): { c: Cement; clock: { tick: number } } {
    const c = new Cement(makeAnatomy({ procedure: 'vertebroplasty' }), ROOM, device);
    c.mix();
    const clock = { tick: 0 };
    c.step(6 * 60, ctx(clock.tick++));
    return { c, clock };
  }
  const run = (c: Cement, seconds: number, clock: { tick: number }): DomainEvent[] => {
    const out: DomainEvent[] = [];
    for (let i = 0; i < Math.round(seconds * 60); i++) {
      out.push(...c.step(DT, ctx(clock.tick++)));
      const v = c.view();
      expect(Math.abs(v.injectedMl - v.inBodyMl - v.leakedMl - v.inCannulaMl)).toBeLessThan(1e-9);
    }
    return out;
  };

  it('queues only what the loaded device holds, says so once, and books still balance', () => {
    const { c, clock } = mixedAtWorking('boneFiller');
    c.inject(4);
    expect(c.view().pendingMl).toBe(1.5);
    const events = run(c, 5, clock);
    expect(events.filter((e) => e.type === 'cement.deviceEmpty')).toHaveLength(1);
    expect(c.view().injectedMl).toBeCloseTo(1.5, 9);
    c.inject(1);
    expect(run(c, 1, clock).some((e) => e.type === 'cement.deviceEmpty')).toBe(false);
    c.delivery.loadNext();
    c.inject(1);
    run(c, 5, clock);
    expect(c.view().injectedMl).toBeCloseTo(2.5, 9);
    expect(c.view().delivery).toEqual({ device: 'boneFiller', loadedMl: 0.5, batchLeftMl: 7, devicesUsed: 2 });
  });

  it('stop leaves the unpushed cement in the device', () => {
    const { c, clock } = mixedAtWorking('syringe');
    c.inject(1);
    run(c, 0.5, clock);
    const pushed = c.view().injectedMl;
    expect(pushed).toBeGreaterThan(0);
    expect(pushed).toBeLessThan(1);
    c.stop();
    expect(c.view().pendingMl).toBe(0);
    expect(c.view().delivery.loadedMl).toBeCloseTo(1 - pushed, 9);
  });

  it('reports one tack event per test, with the feel and the time since mixing', () => {
    const c = new Cement(makeAnatomy(), ROOM);
    c.tackTest();
    expect(c.step(1, ctx(0)).some((e) => e.type === 'cement.tack')).toBe(false);
    c.mix();
    c.step(60, ctx(1));
    c.tackTest();
    const first = c.step(DT, ctx(2)).filter((e) => e.type === 'cement.tack');
    expect(first).toEqual([{ type: 'cement.tack', feel: 'wet' }]);
    expect(c.step(DT, ctx(3)).some((e) => e.type === 'cement.tack')).toBe(false);
    expect(c.view().lastTack).toEqual({ feel: 'wet', sinceMixS: 60 });
    c.step(5 * 60, ctx(4));
    c.tackTest();
    expect(c.step(DT, ctx(5))).toContainEqual({ type: 'cement.tack', feel: 'doughy' });
    expect(c.view().lastTack?.feel).toBe('doughy');
  });
});
