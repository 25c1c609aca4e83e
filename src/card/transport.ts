/**
 * The seam everything above the reader speaks (DESIGN "Seams that must stay stable"):
 * a command APDU in, the response data followed by SW1 SW2 out.
 */
export interface ApduTransport {
  transmit(command: Uint8Array): Promise<Uint8Array>;
}
