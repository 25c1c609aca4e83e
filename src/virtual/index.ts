// Public entry of the virtual peers: the virtual My Number Card, the virtual USB CCID reader and the virtual RC-S380.
export * from './card/index';
export * from './reader/index';
export * from './port100/index';
