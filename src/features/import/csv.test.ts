import { describe, expect, it } from 'vitest';
import { memberColumns, workplaceColumns } from './columns.js';
import { isFormula, MAX_IMPORT_BYTES, readCsv, rowProblems } from './csv.js';
import { date, email, Invalid, pNumber, yesNo } from './cells.js';

const read = (csv: string | Buffer) => readCsv(csv, memberColumns);

function table(csv: string | Buffer) {
  const r = read(csv);
  if (!r.ok) throw new Error(`expected a readable file, got ${JSON.stringify(r.problem)}`);
  return r.table;
}

describe('reading a CSV file', () => {
  it('takes the separator from the header line: semicolons as Danish Excel writes them, or commas', () => {
    const semi = table('fornavn;efternavn;e-mail\nAnne;"Berg, Lund";anne@example.org\n');
    expect(semi.rows).toEqual([{ row: 2, cells: ['Anne', 'Berg, Lund', 'anne@example.org'] }]);
    const comma = table('first_name,last_name,email\nAnne,"Berg; Lund",anne@example.org\n');
    expect(comma.rows[0].cells).toEqual(['Anne', 'Berg; Lund', 'anne@example.org']);
  });

  it('trims cells, also of the no-break spaces spreadsheets leave behind', () => {
    expect(table('first_name;last_name\n  Anne ;\u00a0Berg\u00a0\n').rows[0].cells).toEqual(['Anne', 'Berg']);
  });

  it('reads UTF-8 with and without a byte-order mark, CRLF line ends and quoted line breaks', () => {
    const bom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('fornavn;efternavn;adresse\r\nSøren;Ærø;"Åvej 1\r\n2. sal"\r\n')]);
    const t = table(bom);
    expect([...t.columns.keys()]).toEqual(['first_name', 'last_name', 'address']);
    expect(t.columns.get('first_name')?.name).toBe('fornavn');
    expect(t.rows).toEqual([{ row: 2, cells: ['Søren', 'Ærø', 'Åvej 1\n2. sal'] }]);
  });

  it('numbers rows as a spreadsheet does, counting blank lines and rows of empty cells', () => {
    const t = table('first_name;last_name\n\nAnne;Berg\n;\nBo;Ek\n');
    expect(t.rows.map((r) => r.row)).toEqual([3, 5]);
  });

  it('maps Danish, Swedish and decorated header names onto the columns', () => {
    const t = table('Medlemsnummer;Fornavn*;Efternavn;E-mail;Telefon;Postnr.;By;Fødselsdato;Kreds;Indmeldt;P-nummer;Stilling;Leder\n');
    expect([...t.columns.keys()]).toEqual(['member_number', 'first_name', 'last_name', 'email', 'phone', 'postal_code', 'city', 'date_of_birth', 'unit', 'joined_on', 'workplace_p_number', 'job_title', 'leader']);
    expect([...table('förnamn;efternamn;e-post;krets\n').columns.keys()]).toEqual(['first_name', 'last_name', 'email', 'unit']);
  });

  it('names the column of a wrong header: unknown, missing or given twice', () => {
    expect(read('fornavn;efternavn;skostørrelse\n')).toEqual({ ok: false, problem: { row: 1, column: 'skostørrelse', code: 'import.unknown_column' } });
    expect(read('fornavn;e-mail\nAnne;a@example.org\n')).toEqual({ ok: false, problem: { row: 1, column: 'last_name', code: 'import.missing_column' } });
    expect(read('fornavn;efternavn;email;E-mail\n')).toEqual({ ok: false, problem: { row: 1, column: 'E-mail', code: 'import.duplicate_column' } });
    expect(readCsv('navn;kreds\n', workplaceColumns)).toEqual({ ok: false, problem: { row: 1, column: 'employer_kind', code: 'import.missing_column' } });
  });

  it('tells a file split on tabs or pipes (one single column) from an unknown column', () => {
    expect(read('first_name\tlast_name\temail\nAnne\tBerg\ta@example.org\n')).toMatchObject({ ok: false, problem: { row: 1, code: 'import.wrong_separator' } });
    expect(read('first_name|last_name\n')).toMatchObject({ ok: false, problem: { code: 'import.wrong_separator' } });
    expect(read('first name last name\n')).toMatchObject({ ok: false, problem: { code: 'import.wrong_separator' } });
  });

  it('reports a broken quote with the row it starts in', () => {
    expect(read('first_name;last_name\nAnne;Berg\nBo;"Ek\nCia;Holm\n')).toEqual({ ok: false, problem: { row: 3, column: null, code: 'import.broken_quote' } });
    expect(read('first_name;last_name\nAnne;"Berg"x\n')).toEqual({ ok: false, problem: { row: 2, column: null, code: 'import.broken_quote' } });
  });

  it('refuses a control character inside a cell, naming its row and column; tabs and line breaks are text', () => {
    expect(read('first_name;last_name\nAnne;Be\u0007rg\n')).toEqual({ ok: false, problem: { row: 2, column: 'last_name', code: 'import.control_character' } });
    expect(read('first_name;last_name\nAnne;"Berg\tHolm\r\nEk"\n')).toMatchObject({ ok: true });
  });

  it('refuses a file over the limit, binary data, other encodings and an empty file', () => {
    expect(read(Buffer.alloc(MAX_IMPORT_BYTES + 1, 'a'))).toEqual({ ok: false, problem: { row: null, column: null, code: 'import.too_large', params: { max: 20 } } });
    expect(read(Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00]))).toMatchObject({ ok: false, problem: { code: 'import.not_text' } });
    // "Søren" in Windows-1252, as an old Excel saves it.
    expect(read(Buffer.from([0x66, 0x69, 0x72, 0x73, 0x74, 0x5f, 0x6e, 0x61, 0x6d, 0x65, 0x0a, 0x53, 0xf8, 0x72, 0x65, 0x6e]))).toMatchObject({ ok: false, problem: { code: 'import.encoding' } });
    expect(read('')).toMatchObject({ ok: false, problem: { code: 'import.empty' } });
    expect(read('\uFEFF\n\n')).toMatchObject({ ok: false, problem: { code: 'import.empty' } });
  });

  it('checks each row: a different number of cells, and formulas in known columns', () => {
    const t = table('first_name;last_name;email\nAnne;Berg\nBo;Ek;"=HYPERLINK(""http://x"",""klik"")"\nCia;Holm;c@example.org;;\nDan;Dal;d@example.org;x\n');
    const results = t.rows.map((r) => rowProblems(t, r));
    expect(results[0]).toEqual([{ row: 2, column: null, code: 'import.column_count', params: { expected: 3, found: 2 } }]);
    expect(results[1]).toEqual([{ row: 3, column: 'email', code: 'import.formula' }]);
    // Empty cells after the last column are Excel's habit, not an error.
    expect(results[2]).toBeNull();
    expect(results[3]).toMatchObject([{ code: 'import.column_count' }]);
  });
});

describe('cells', () => {
  it('treats =, @, tab and formula-like + and - as formulas, but not phone numbers or negative numbers', () => {
    for (const cell of ['=1+1', '=HYPERLINK("http://x")', '@SUM(A1)', '+cmd|" /C calc"!A0', '-2+3+cmd|x', '\tfoo', '+A1']) expect(isFormula(cell), cell).toBe(true);
    for (const cell of ['+45 12 34 56 78', '+46 (0)70-123 45 67', '-12', '-1.5', 'Anne', 'a=b', '', 'Bo-Ek']) expect(isFormula(cell), cell).toBe(false);
  });

  it('reads dates in ISO and Danish order and refuses days that do not exist', () => {
    expect(date('2026-02-28')).toBe('2026-02-28');
    expect(date('28-02-2026')).toBe('2026-02-28');
    expect(date('1.3.1980')).toBe('1980-03-01');
    expect(date('29/02/2024')).toBe('2024-02-29');
    for (const bad of ['2026-02-30', '30-02-2026', '2025-02-29', '2026-13-01', '12/31/2026', 'i går', '1800-01-01']) expect(date(bad), bad).toEqual(new Invalid('import.invalid_date'));
    expect(date('')).toBeNull();
  });

  it('reads e-mail addresses, yes and no in three languages, and P-numbers', () => {
    expect(email('anne@example.org')).toBe('anne@example.org');
    expect(email('anne@')).toEqual(new Invalid('import.invalid_email'));
    expect([yesNo('ja'), yesNo('Nej'), yesNo('yes'), yesNo('x'), yesNo('')]).toEqual([true, false, true, true, null]);
    expect(yesNo('måske')).toEqual(new Invalid('import.invalid_yes_no'));
    expect(pNumber('10 0000 0001')).toBe('1000000001');
    expect(pNumber('123')).toEqual(new Invalid('import.invalid_p_number'));
  });
});

describe('cells our own export neutralised', () => {
  it("imports a phone number the export wrote as '+45… as the number, and still refuses a formula", () => {
    const result = read("first_name;last_name;phone;email\nAnne;Jensen;'+45 12 34 56 78;'=1+2\n");
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const [row] = result.table.rows;
    const phone = result.table.columns.get('phone')!.index;
    expect(row.cells[phone]).toBe('+45 12 34 56 78');
    expect(rowProblems(result.table, row)).toEqual([{ row: 2, column: 'email', code: 'import.formula' }]);
  });
});
