// The virtual USB CCID reader (issue 4 §2): exports are added as the reader is built.
export {};
