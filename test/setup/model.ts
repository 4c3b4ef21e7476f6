import { ensureUseLiteModel } from '../../scripts/model';

/** Tests run the converted model: convert it first when this checkout lacks it or it is stale. */
export default function setup(): void {
  ensureUseLiteModel();
}
