import type { Static } from '@sinclair/typebox';
import type { Problems } from '../../shared/errors.js';
import type { Dimensions, Weight } from '../../shared/wire/model.js';
import * as n from '../../shared/wire/normalise.js';
import { field } from '../../shared/wire/paths.js';
import type { DimensionsInput, WeightInput } from '../../shared/wire/types.js';
import type { PackageSize } from '../accounts/package-sizes.js';

interface MeasuredInput {
  PackageSizeReference?: string | null;
  Weight?: Static<typeof WeightInput> | null;
  Dimensions?: Static<typeof DimensionsInput> | null;
}

/**
 * A package's weight and dimensions: its own, else its package size's, each filled separately;
 * the size reference is kept either way (spec §3.4, §4.2). Without a size it needs both.
 */
export function packageMeasurements(input: MeasuredInput, sizes: ReadonlyMap<string, PackageSize>, problems: Problems, path: string) {
  const sizeReference = n.text(input.PackageSizeReference);
  const size = sizeReference ? sizes.get(sizeReference) : undefined;
  if (sizeReference && !size) {
    problems.add('PackageSizeNotFound', field(path, 'PackageSizeReference'), `Package size "${sizeReference}" was not found.`);
  }
  if (!sizeReference && (!input.Weight || !input.Dimensions)) {
    problems.add('PackageMeasurementsRequired', path || null, 'Give the package both Weight and Dimensions, or a PackageSizeReference.');
  }
  const weight: Weight | null = n.weight(input.Weight, problems, field(path, 'Weight')) ?? (size ? { Value: size.Weight, Unit: 'Kg' } : null);
  const dimensions: Dimensions | null = n.dimensions(input.Dimensions, problems, field(path, 'Dimensions'))
    ?? (size ? { Unit: 'Cm', Length: size.Length, Width: size.Width, Height: size.Height } : null);
  return { sizeReference, weight, dimensions };
}
