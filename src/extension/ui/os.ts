/**
 * Which operating system the holder uses, so the steps to free a reader the OS holds
 * (webusb-ccid.md §A3) show theirs first, and the commands those steps quote. Shared by
 * the popup and the pairing page.
 */
export type Os = 'windows' | 'mac' | 'linux' | 'other';

/** The platform string Chrome reports: navigator.userAgentData.platform, else the legacy navigator.platform. */
export function platformName(nav: Navigator): string {
  const uaData = (nav as Navigator & { userAgentData?: { platform?: string } }).userAgentData;
  return uaData?.platform || nav.platform || '';
}

/** From navigator.userAgentData.platform or navigator.platform ("Win32", "MacIntel", "Linux x86_64"). */
export function detectOs(platform: string): Os {
  const p = platform.toLowerCase();
  if (p.startsWith('win')) return 'windows';
  if (p.startsWith('mac')) return 'mac';
  if (p.includes('linux') || p.includes('x11')) return 'linux';
  return 'other';
}

/** Restarts macOS's smart-card daemon so it lets go (daemon name UNCONFIRMED on current macOS, facts A3). */
export const MAC_RELEASE_COMMAND = 'sudo pkill -HUP com.apple.ifdreader';
/** Stops pcscd and its socket activation, which would start it again at the next PC/SC call. */
export const LINUX_STOP_COMMAND = 'sudo systemctl stop pcscd.socket pcscd';
export const LINUX_RELOAD_COMMAND = 'sudo udevadm control --reload-rules && sudo udevadm trigger';

/**
 * Unbinds the kernel's port100 NFC driver from every RC-S380 it holds (Chrome may detach
 * only cdc_acm, usblp and ftdi_sio; facts sony-readers.md §5). Lasts until the next plug.
 */
export const LINUX_PORT100_UNBIND_COMMAND =
  'for d in /sys/bus/usb/drivers/port100/*:*; do echo -n "$(basename "$d")" | sudo tee /sys/bus/usb/drivers/port100/unbind; done';
/** Keeps port100 from binding again (nfcpy's advice, facts §5). */
export const LINUX_PORT100_BLACKLIST_COMMAND = 'echo "blacklist port100" | sudo tee /etc/modprobe.d/no-port100.conf && sudo modprobe -r port100';
