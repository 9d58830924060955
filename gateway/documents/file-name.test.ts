import { attachmentDisposition, safeFileName } from './file-name';

describe('safeFileName', () => {
  it.each([
    ['SO-100001-confirmation.pdf', 'SO-100001-confirmation.pdf'],
    ['../../etc/passwd', 'passwd'],
    ['C:\\docs\\drawing.pdf', 'drawing.pdf'],
    ['.htaccess', 'htaccess'],
    ['report.pdf.', 'report.pdf'],
    ['  spaced name.pdf  ', 'spaced name.pdf'],
    ['say "hi".pdf', 'say _hi_.pdf'],
    ['line\r\nbreak.pdf', 'line__break.pdf'],
    ['invoice\u202Efdp.exe', 'invoice_fdp.exe'],
    ['Lieferschein Müller.pdf', 'Lieferschein Müller.pdf'],
  ])('turns %j into %j', (input, expected) => {
    expect(safeFileName(input, '7')).toBe(expected);
  });

  it.each(['', '...', '/', 'dir/', ' . '])('names %j after the document', (input) => {
    expect(safeFileName(input, '7')).toBe('document-7');
  });

  it('keeps the extension of a long name', () => {
    const name = safeFileName(`${'a'.repeat(300)}.pdf`, '7');

    expect(name).toHaveLength(120);
    expect(name.endsWith('a.pdf')).toBe(true);
  });
});

describe('attachmentDisposition', () => {
  it('quotes a plain name', () => {
    expect(attachmentDisposition('SO-100001.pdf')).toBe('attachment; filename="SO-100001.pdf"');
  });

  it('adds the UTF-8 form for other characters', () => {
    expect(attachmentDisposition("Müller (copy) 'A'.pdf")).toBe(
      'attachment; filename="M_ller__copy___A_.pdf"; filename*=UTF-8\'\'M%C3%BCller%20%28copy%29%20%27A%27.pdf',
    );
  });
});
