import { describe, expect, it } from 'vitest';
import { designSlab, householdsFor, nearestFitting, slabCapacity, splitUnits, unitCount, unitsFit } from '../../../scripts/synth/slab.ts';
import { Rng, hashSeed, rngFor } from '../../../scripts/synth/rng.ts';
import { parseArgs } from '../../../scripts/synth/args.ts';

describe('household rule', () => {
  it('is floor(footprint × floors × 0.75 ÷ 90), as in the sample', () => {
    expect(householdsFor(720, 12)).toBe(72);
    expect(householdsFor(719.9, 12)).toBe(71);
  });
  it('splits a building into max(1, round(H/25)) units, larger first', () => {
    expect(unitCount(10)).toBe(1);
    expect(unitCount(62)).toBe(2);
    expect(unitCount(63)).toBe(3);
    expect(splitUnits(127)).toEqual([26, 26, 25, 25, 25]);
    expect(splitUnits(62)).toEqual([31, 31]);
  });
  it('knows which counts cannot give 20–30 per unit', () => {
    const bad = Array.from({ length: 200 }, (_, h) => h).filter((h) => !unitsFit(h));
    expect(bad.filter((h) => h >= 20)).toEqual([31, 32, 33, 34, 35, 36, 37, 38, 39, 61, 62]);
    expect(nearestFitting(34)).toBe(30);
    expect(nearestFitting(35)).toBe(40); // ties go up
    expect(nearestFitting(36)).toBe(40);
    expect(nearestFitting(62)).toBe(63);
    expect(nearestFitting(5)).toBe(20);
  });
});

describe('designSlab', () => {
  it('sizes the footprint so the rule gives the planned households, half a household clear of rounding', () => {
    const rng = new Rng(7);
    for (let i = 0; i < 500; i++) {
      const slab = designSlab(rng.range(20, 160), 70, [6, 18], rng);
      const exact = (slab.lengthM * slab.depthM * slab.floors * 0.75) / 90;
      expect(householdsFor(slab.lengthM * slab.depthM, slab.floors)).toBe(slab.households);
      expect(exact - slab.households).toBeGreaterThan(0.4);
      expect(exact - slab.households).toBeLessThan(0.6);
      expect(unitsFit(slab.households)).toBe(true);
      expect(slab.floors).toBeGreaterThanOrEqual(6);
      expect(slab.floors).toBeLessThanOrEqual(18);
      expect(slab.lengthM).toBeLessThanOrEqual(70);
    }
  });
  it('caps a target above what the slot can hold', () => {
    const slab = designSlab(1000, 50, [6, 7], new Rng(1));
    expect(slab.households).toBe(slabCapacity(50));
  });
});

describe('rng', () => {
  it('repeats for a seed and differs between labels', () => {
    const a = rngFor(1, 'block', 3);
    const b = rngFor(1, 'block', 3);
    const xs = Array.from({ length: 5 }, () => a.next());
    expect(Array.from({ length: 5 }, () => b.next())).toEqual(xs);
    expect(rngFor(1, 'block', 4).next()).not.toBe(xs[0]);
    expect(hashSeed('ab', 'c')).not.toBe(hashSeed('a', 'bc'));
  });
});

describe('parseArgs', () => {
  it('reads households, out and seed with defaults', () => {
    expect(parseArgs(['--households', '200000'])).toEqual({ households: 200000, seed: 1, outDir: 'var/synth/200000' });
    expect(parseArgs(['--households=5000', '--out', '/tmp/x', '--seed', '9'])).toEqual({ households: 5000, seed: 9, outDir: '/tmp/x' });
  });
  it('names the bad input', () => {
    expect(() => parseArgs([])).toThrow(/--households is required/);
    expect(() => parseArgs(['--households', 'many'])).toThrow(/--households needs a non-negative integer, got "many"/);
    expect(() => parseArgs(['--households', '10', '--size', '3'])).toThrow(/unknown option --size/);
  });
});
