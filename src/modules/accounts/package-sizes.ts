/** Package sizes (spec §10): box sizes a package can name instead of sending its measurements. */
import { type Static, Type } from '@sinclair/typebox';
import { Problems } from '../../shared/errors.js';
import { round5 } from '../../shared/units.js';
import { text } from '../../shared/wire/normalise.js';
import { Opt, Str } from '../../shared/wire/schema-helpers.js';

export const PackageSizeInput = Type.Object({
  Reference: Opt(Str(100)),
  Description: Opt(Str(255)),
  Length: Opt(Type.Number({ description: 'cm' })),
  Width: Opt(Type.Number({ description: 'cm' })),
  Height: Opt(Type.Number({ description: 'cm' })),
  Weight: Opt(Type.Number({ description: 'kg: the weight a package of this size is taken to have when it gives none' })),
  IsDefault: Opt(Type.Boolean()),
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
  problems.throwIfAny();
  return {
    Reference: ref!,
    Description: description!,
    Length: round5(input.Length!),
    Width: round5(input.Width!),
    Height: round5(input.Height!),
    Weight: round5(input.Weight!),
    IsDefault: input.IsDefault ?? false,
  };
}
