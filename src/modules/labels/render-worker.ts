/** The render worker's entry (piscina loads it in each worker thread). */
import { renderLabels, type RenderJob } from './render-labels.js';

export default async function render(job: RenderJob): Promise<Uint8Array> {
  return renderLabels(job);
}
