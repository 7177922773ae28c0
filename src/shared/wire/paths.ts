/** Field paths as the error `Target` shows them: `Packages[0].Items[1].Sku`. */
export const field = (path: string, name: string): string => (path ? `${path}.${name}` : name);
export const index = (path: string, i: number): string => `${path}[${i}]`;
