// Public entry of the virtual peers: the virtual My Number Card and the virtual USB CCID reader.
export * from './card/index';
export * from './reader/index';
