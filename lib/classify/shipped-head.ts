import { parseHead, type ClassifierHead } from './head';
import shippedHeadJson from './head.json';

/** The head trained by scripts/train.ts on seeds/labelled, shipped in the extension and used by eval and bench. */
export const shippedHead = (): ClassifierHead => parseHead(shippedHeadJson);
