import { describe, expect, it } from 'vitest';
import { DIMENSION_UNITS, WEIGHT_UNITS, round, round5, toCm, toKg } from './units.js';

describe('toKg (spec §1.5: weights are stored in Kg)', () => {
  it.each([
    ['Kg', 2.5, 2.5],
    ['kg', 2.5, 2.5],
    ['KG', 0.5, 0.5],
    [' Kg ', 1, 1],
    ['G', 500, 0.5],
    ['g', 1, 0.001],
    ['Lb', 1, 0.45359],
    ['lb', 10, 4.53592],
    ['Lbs', 2, 0.90718],
    ['LBS', 100, 45.35924],
  ])('converts %j (any case): %d → %d kg', (unit, value, expected) => {
    expect(toKg(value, unit)).toBe(expected);
  });

  it.each([
    ['undefined', undefined],
    ['null', null],
  ])('treats an absent unit (%s) as Kg', (_label, unit) => {
    expect(toKg(1.25, unit)).toBe(1.25);
  });

  it.each(['stone', 'oz', 'kilogram', 'Cm', ''])('returns null for the unknown weight unit %j', (unit) => {
    expect(toKg(1, unit)).toBeNull();
  });

  it('rounds the converted value to 5 decimal places (1 lb = 0.45359237 kg)', () => {
    expect(toKg(1, 'Lb')).toBe(0.45359);
    expect(toKg(3, 'Lb')).toBe(1.36078); // 1.36077711
  });

  it('accepts every unit it advertises in WEIGHT_UNITS', () => {
    expect(WEIGHT_UNITS).toEqual(['Kg', 'G', 'Lb', 'Lbs']);
    for (const unit of WEIGHT_UNITS) expect(toKg(1, unit)).not.toBeNull();
  });
});

describe('toCm (spec §1.5: dimensions are stored in Cm)', () => {
  it.each([
    ['Cm', 12.5, 12.5],
    ['cm', 3, 3],
    ['Mm', 15, 1.5],
    ['MM', 1, 0.1],
    ['M', 1.5, 150],
    ['m', 0.01, 1],
    ['In', 1, 2.54],
    ['in', 12, 30.48],
    ['Inches', 10, 25.4],
    ['INCHES', 0.5, 1.27],
  ])('converts %j (any case): %d → %d cm', (unit, value, expected) => {
    expect(toCm(value, unit)).toBe(expected);
  });

  it.each([
    ['undefined', undefined],
    ['null', null],
  ])('treats an absent unit (%s) as Cm', (_label, unit) => {
    expect(toCm(42, unit)).toBe(42);
  });

  it.each(['ft', 'yard', 'Kg', 'centimetre', ''])('returns null for the unknown dimension unit %j', (unit) => {
    expect(toCm(1, unit)).toBeNull();
  });

  it('accepts every unit it advertises in DIMENSION_UNITS', () => {
    expect(DIMENSION_UNITS).toEqual(['Cm', 'Mm', 'M', 'In', 'Inches']);
    for (const unit of DIMENSION_UNITS) expect(toCm(1, unit)).not.toBeNull();
  });
});

describe('round5 (spec §1.2: 5 decimal places, half away from zero)', () => {
  it.each([
    [0.000005, 0.00001],
    [-0.000005, -0.00001],
    [1.000005, 1.00001],
    [-1.000005, -1.00001],
    [1.234565, 1.23457],
    [-1.234565, -1.23457],
    [0.123454, 0.12345],
    [-0.123454, -0.12345],
    [0.0000049, 0],
    [123.456785, 123.45679],
    [2.5, 2.5],
    [0, 0],
    [7, 7],
  ])('round5(%d) = %d', (value, expected) => {
    expect(round5(value)).toBe(expected);
  });
});

describe('round (any number of places, half away from zero)', () => {
  it.each([
    [2.675, 2, 2.68],
    [1.005, 2, 1.01],
    [-1.005, 2, -1.01],
    [0.125, 2, 0.13],
    [-0.125, 2, -0.13],
    [5.98999, 4, 5.99],
    [0.5, 0, 1],
    [-0.5, 0, -1],
    [1.4999, 0, 1],
  ])('round(%d, %d) = %d', (value, places, expected) => {
    expect(round(value, places)).toBe(expected);
  });
});
