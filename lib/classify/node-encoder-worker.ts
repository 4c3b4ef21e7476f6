import { parentPort } from 'node:worker_threads';
import { serveEncoder } from './encoder-pool';
import { createNodeUseLiteEncoder } from './node-source';
import { parentPortChannel } from './node-pool';

/** One worker thread of createNodeClassifierPool: USE lite from node_modules, on TF.js. */
if (parentPort) serveEncoder(createNodeUseLiteEncoder, parentPortChannel(parentPort));
