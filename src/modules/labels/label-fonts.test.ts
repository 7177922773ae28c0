import { expect, it } from 'vitest';
import { pdfPages } from './test-decode.js';
import { exampleLabel } from './test-labels.js';
import { renderLabels } from './render-labels.js';

// DejaVu's Cyrillic "е" and "о" reuse the Latin glyphs; a font shared across documents once made
// a later document's Latin "e"/"o" copy out as blanks (found in the customs documents).
it('keeps Latin text extractable in a label rendered after a Cyrillic one (shared font subsets)', async () => {
  const label = (name: string) => exampleLabel({ recipient: { ...exampleLabel().recipient, name } });
  const cyrillic = await renderLabels({ format: 'PDF', labels: [label('Елена Сергеевна')], dpi: 203, title: 'a' });
  const latin = await renderLabels({ format: 'PDF', labels: [label('Joe Bloggs Toronto')], dpi: 203, title: 'b' });
  expect(pdfPages(Buffer.from(cyrillic))[0]).toContain('Елена Сергеевна');
  expect(pdfPages(Buffer.from(latin))[0]).toContain('Joe Bloggs Toronto');
});
