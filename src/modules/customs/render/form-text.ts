/** Wording and cell texts the customs forms share (UPU CN22/CN23 declarations, the invoice's). */
import type { Category, CustomsDeclaration, DeclaredLine } from '../customs-declaration.js';
import { checkbox, type Doc, kg, money } from './form-kit.js';

export const SENDER_DECLARATION =
  'I, the undersigned, whose name and address are given on the item, certify that the particulars given in this ' +
  'declaration are correct and that this item does not contain any dangerous article or articles prohibited by ' +
  'legislation or by postal or customs regulations.';

export const CN23_DECLARATION =
  'I certify that the particulars given in this customs declaration are correct and that this item does not contain ' +
  'any dangerous article or articles prohibited by legislation or by postal or customs regulations.';

export const INVOICE_DECLARATION =
  'I/We hereby certify that the information on this invoice is true and correct and that the contents of this ' +
  'shipment are as stated above.';

const CATEGORY_LABELS: Record<Category, string> = {
  Gift: 'Gift',
  CommercialSample: 'Commercial sample',
  Documents: 'Documents',
  ReturnedGoods: 'Returned goods',
  Other: 'Other',
};

/** The category check boxes in form order; Other shows its explanation beside it. */
export function categoryBoxes(d: CustomsDeclaration): { draw: (doc: Doc, x: number, y: number, width: number) => void }[] {
  return (Object.keys(CATEGORY_LABELS) as Category[]).map((c) => ({
    draw: (doc, x, y, width) => {
      const ticked = d.categories.includes(c);
      const label = c === 'Other' && ticked && d.categoryExplanation ? `Other: ${d.categoryExplanation}` : CATEGORY_LABELS[c];
      checkbox(doc, label, ticked, x, y, 7, width);
    },
  }));
}

/** An item line as the tables print it; a line in another currency than the form's names its own. */
export function lineRow(l: DeclaredLine, currency: string) {
  const suffix = l.currency === currency ? '' : ` ${l.currency}`;
  return {
    quantity: String(l.quantity),
    description: l.sku && l.description !== l.sku ? `${l.description} (${l.sku})` : l.description,
    hsCode: l.hsCode,
    origin: l.originCountry,
    netWeight: kg(l.netWeightKg),
    unitValue: `${money(l.unitValue)}${suffix}`,
    value: `${money(l.value)}${suffix}`,
  };
}

/** Who signs: the designated person responsible, else the sender's name, else its company. */
export const signatory = (d: CustomsDeclaration): string =>
  d.customs.DesignatedPersonResponsible?.trim() || d.sender.name || d.sender.company;

export const partyLines = (p: CustomsDeclaration['sender']): string[] => [p.company, p.name, ...p.lines].filter(Boolean);
