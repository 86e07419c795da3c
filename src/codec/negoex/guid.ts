/**
 * GUIDs in the Microsoft mixed-endian layout [MS-DTYP §2.3.4.2]: Data1 (u32), Data2 and Data3
 * (u16) little-endian, then Data4's 8 bytes as they are.
 */

const HEX = (b: number) => b.toString(16).padStart(2, '0');

export function guidToString(bytes: Uint8Array, at: number): string {
  const b = (i: number) => HEX(bytes[at + i]);
  return (
    b(3) +
    b(2) +
    b(1) +
    b(0) +
    '-' +
    b(5) +
    b(4) +
    '-' +
    b(7) +
    b(6) +
    '-' +
    b(8) +
    b(9) +
    '-' +
    b(10) +
    b(11) +
    b(12) +
    b(13) +
    b(14) +
    b(15)
  );
}

export function guidToBytes(guid: string): Uint8Array {
  const hex = guid.replace(/[{}-]/g, '');
  if (!/^[0-9a-fA-F]{32}$/.test(hex)) throw new RangeError(`not a GUID: ${guid}`);
  const raw = Array.from({ length: 16 }, (_, i) => parseInt(hex.slice(2 * i, 2 * i + 2), 16));
  const order = [3, 2, 1, 0, 5, 4, 7, 6, 8, 9, 10, 11, 12, 13, 14, 15];
  return Uint8Array.from(order.map((i) => raw[i]));
}
