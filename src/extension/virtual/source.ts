/**
 * Reader source `virtual` (virtual build only; STYLE §17: a peer of the WebUSB sources, not a
 * mock). Supports exactly what the virtual readers emulate: one reader, a CCID reader of
 * vendor class 0xFF by default or Smart Card class 0x0B (refused as Chrome refuses it), or
 * a Sony RC-S380, with the virtual My Number Card. The device is a USBDevice and is driven
 * by the same driver as hardware (CCID or Port-100); only the device list differs.
 */
import { hex16 } from '../../bytes';
import { deviceIdentity, openCcidReader } from '../../reader/ccid/index';
import { openPort100Reader } from '../../reader/port100/index';
import type { ReaderCandidate, ReaderSource } from '../../reader/types';
import type { VirtualWorld } from './world';

export function createVirtualSource(world: VirtualWorld): ReaderSource {
  return {
    kind: 'virtual',
    async list(): Promise<readonly ReaderCandidate[]> {
      await world.ready();
      const device = world.device;
      if (device === undefined) return [];
      return [
        {
          // The class is part of the key: a reader rebuilt with another class is another device.
          key: `virtual:${hex16(device.vendorId)}:${hex16(device.productId)}:${world.current.interfaceClass}:${world.current.browser}`,
          identity: deviceIdentity(device, 'virtual'),
          // The RC-S380 is driven by the Port-100 driver, as the shipped build's webusb-port100 source does.
          open: () => (world.current.readerModel === 'RC-S380' ? openPort100Reader(device, 'virtual') : openCcidReader(device, 'virtual')),
          // Pairing is not a thing for the virtual reader: "forget" unplugs it.
          forget: () => world.update({ plugged: false }, 'none'),
        },
      ];
    },
    onChange: (listener) => world.onChange(listener),
  };
}
