/** Package sizes (spec §10): box sizes a package can name instead of sending its measurements. */
import { type Static, Type } from '@sinclair/typebox';
import { Problems } from '../../shared/errors.js';
import { round5 } from '../../shared/units.js';
import type { Money } from '../../shared/wire/model.js';
import { money, text } from '../../shared/wire/normalise.js';
import { Opt, Str } from '../../shared/wire/schema-helpers.js';
import { MoneyInput } from '../../shared/wire/types.js';

export const PackageSizeInput = Type.Object({
  Reference: Opt(Str(100)),
  Description: Opt(Str(255)),
  Length: Opt(Type.Number({ description: 'cm' })),
  Width: Opt(Type.Number({ description: 'cm' })),
  Height: Opt(Type.Number({ description: 'cm' })),
  Weight: Opt(Type.Number({ description: 'kg: the weight a package of this size is taken to have when it gives none' })),
  IsDefault: Opt(Type.Boolean()),
  // [EXT] What automatic box selection needs; SortedPRO clients never send them.
  InnerLength: Opt(Type.Number({ description: '[EXT] cm inside the box; default Length' })),
  InnerWidth: Opt(Type.Number({ description: '[EXT] cm inside the box; default Width' })),
  InnerHeight: Opt(Type.Number({ description: '[EXT] cm inside the box; default Height' })),
  EmptyWeight: Opt(Type.Number({ description: '[EXT] kg of the empty box; default 0' })),
  MaxWeight: Opt(Type.Number({ description: '[EXT] kg: the most the box may weigh with its contents; default no limit' })),
  Cost: Opt(MoneyInput),
});
export type PackageSizeInput = Static<typeof PackageSizeInput>;

export interface PackageSize {
  Reference: string;
  Description: string;
  Length: number;
  Width: number;
  Height: number;
  Weight: number;
  IsDefault: boolean;
  /** [EXT] For automatic box selection (cm, kg). Sizes stored before these existed read as defaults. */
  InnerLength: number;
  InnerWidth: number;
  InnerHeight: number;
  EmptyWeight: number;
  MaxWeight: number | null;
  Cost: Money | null;
}

/** A stored size with the [EXT] fields filled in for documents written before they existed. */
export function withPackerFields(size: Omit<PackageSize, 'InnerLength' | 'InnerWidth' | 'InnerHeight' | 'EmptyWeight' | 'MaxWeight' | 'Cost'> & Partial<PackageSize>): PackageSize {
  return {
    ...size,
    InnerLength: size.InnerLength ?? size.Length,
    InnerWidth: size.InnerWidth ?? size.Width,
    InnerHeight: size.InnerHeight ?? size.Height,
    EmptyWeight: size.EmptyWeight ?? 0,
    MaxWeight: size.MaxWeight ?? null,
    Cost: size.Cost ?? null,
  };
}

export function normalisePackageSize(input: PackageSizeInput, reference: string | null): PackageSize {
  const problems = new Problems();
  const ref = reference ?? text(input.Reference);
  if (!ref) problems.add('ReferenceRequired', 'Reference', 'Reference is required.');
  const description = text(input.Description);
  if (!description) problems.add('FieldRequired', 'Description', 'Description is required.');
  for (const side of ['Length', 'Width', 'Height'] as const) {
    const v = input[side];
    if (v === null || v === undefined || !(v > 0)) problems.add('InvalidDimensions', side, `${side} (cm) is required and must be greater than 0.`);
  }
  if (input.Weight === null || input.Weight === undefined || !(input.Weight > 0)) {
    problems.add('InvalidWeight', 'Weight', 'Weight (kg) is required and must be greater than 0.');
  }
  const inner = (side: 'Length' | 'Width' | 'Height') => {
    const v = input[`Inner${side}`];
    if (v === null || v === undefined) return input[side] ?? 0;
    if (!(v > 0) || (input[side] && v > input[side]!)) {
      problems.add('InvalidDimensions', `Inner${side}`, `Inner${side} (cm) must be greater than 0 and at most ${side}.`);
    }
    return v;
  };
  const innerLength = inner('Length');
  const innerWidth = inner('Width');
  const innerHeight = inner('Height');
  const emptyWeight = input.EmptyWeight ?? 0;
  if (!(emptyWeight >= 0)) problems.add('InvalidWeight', 'EmptyWeight', 'EmptyWeight (kg) must be 0 or more.');
  const maxWeight = input.MaxWeight ?? null;
  if (maxWeight !== null && !(maxWeight > emptyWeight)) problems.add('InvalidWeight', 'MaxWeight', 'MaxWeight (kg) must be more than EmptyWeight.');
  const cost = money(input.Cost, problems, 'Cost');
  problems.throwIfAny();
  return {
    Reference: ref!,
    Description: description!,
    Length: round5(input.Length!),
    Width: round5(input.Width!),
    Height: round5(input.Height!),
    Weight: round5(input.Weight!),
    IsDefault: input.IsDefault ?? false,
    InnerLength: round5(innerLength),
    InnerWidth: round5(innerWidth),
    InnerHeight: round5(innerHeight),
    EmptyWeight: round5(emptyWeight),
    MaxWeight: maxWeight === null ? null : round5(maxWeight),
    Cost: cost,
  };
}
