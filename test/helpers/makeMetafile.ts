/**
 * Windows metafiles as Word and WPS store a pasted Visio or OLE drawing, written byte by byte after the
 * specifications ([MS-EMF] 2.3.4.2 EMR_HEADER, 2.3.8.5 EMR_SELECTOBJECT, 2.3.5.34 EMR_RECTANGLE, 2.3.4.1 EMR_EOF; [MS-WMF] 2.3.2 META_PLACEABLE,
 * 2.3.5 records): a black-outlined rectangle, 200 × 100 px, and nothing else.
 */

export function makeEmf(): Buffer {
  const header = Buffer.alloc(88);
  header.writeUInt32LE(1, 0); // EMR_HEADER
  header.writeUInt32LE(88, 4);
  [0, 0, 199, 99].forEach((value, index) => header.writeInt32LE(value, 8 + index * 4)); // bounds, device units
  [0, 0, 5292, 2646].forEach((value, index) => header.writeInt32LE(value, 24 + index * 4)); // frame, 0.01 mm
  header.write(' EMF', 40, 'latin1');
  header.writeUInt32LE(0x10000, 44);
  header.writeUInt32LE(88 + 12 + 24 + 20, 48); // bytes
  header.writeUInt32LE(4, 52); // records
  header.writeUInt16LE(1, 56); // handles
  [1024, 768, 320, 240].forEach((value, index) => header.writeInt32LE(value, 72 + index * 4)); // device px, mm
  // Word selects its brush before drawing; the stock NULL_BRUSH leaves the rectangle hollow.
  const selectBrush = Buffer.alloc(12);
  selectBrush.writeUInt32LE(37, 0); // EMR_SELECTOBJECT
  selectBrush.writeUInt32LE(12, 4);
  selectBrush.writeUInt32LE(0x80000005, 8);
  const rectangle = Buffer.alloc(24);
  rectangle.writeUInt32LE(43, 0); // EMR_RECTANGLE
  rectangle.writeUInt32LE(24, 4);
  [10, 10, 190, 90].forEach((value, index) => rectangle.writeInt32LE(value, 8 + index * 4));
  const eof = Buffer.alloc(20);
  eof.writeUInt32LE(14, 0); // EMR_EOF
  eof.writeUInt32LE(20, 4);
  eof.writeUInt32LE(16, 12);
  eof.writeUInt32LE(20, 16);
  return Buffer.concat([header, selectBrush, rectangle, eof]);
}

export function makeWmf(): Buffer {
  const placeable = Buffer.alloc(22);
  placeable.writeUInt32LE(0x9ac6cdd7, 0);
  [0, 0, 2000, 1000].forEach((value, index) => placeable.writeInt16LE(value, 6 + index * 2)); // bounding box
  placeable.writeUInt16LE(1440, 14); // units per inch
  let checksum = 0;
  for (let offset = 0; offset < 20; offset += 2) checksum ^= placeable.readUInt16LE(offset);
  placeable.writeUInt16LE(checksum, 20);
  const record = (type: number, ...params: number[]) => {
    const bytes = Buffer.alloc(6 + params.length * 2);
    bytes.writeUInt32LE(3 + params.length, 0); // size in 16-bit words
    bytes.writeUInt16LE(type, 4);
    params.forEach((value, index) => bytes.writeInt16LE(value, 6 + index * 2));
    return bytes;
  };
  const records = Buffer.concat([
    record(0x020b, 0, 0), // META_SETWINDOWORG y, x
    record(0x020c, 1000, 2000), // META_SETWINDOWEXT y, x
    record(0x041b, 900, 1900, 100, 100), // META_RECTANGLE bottom, right, top, left
    record(0x0000), // META_EOF
  ]);
  const header = Buffer.alloc(18);
  header.writeUInt16LE(1, 0);
  header.writeUInt16LE(9, 2);
  header.writeUInt16LE(0x0300, 4);
  header.writeUInt32LE((18 + records.length) / 2, 6);
  header.writeUInt32LE(7, 12); // the largest record, in words
  return Buffer.concat([placeable, header, records]);
}
