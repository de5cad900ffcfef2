/** Real files of every accepted type, built in the test (no binary fixtures in the repo). */
import { Document, HeadingLevel, Packer, Paragraph } from 'docx';
import { PDFDocument, StandardFonts } from 'pdf-lib';

export const MARKDOWN = `# Aurora kettle care

## Descaling
Descale the Aurora kettle every four weeks with citric acid. Rinse twice before boiling water again.
Hard water areas need it every two weeks; the limescale light on the base tells you when.
Never use vinegar: it leaves a taste that lasts for days.

## Warranty
The Aurora kettle has a two-year warranty covering the heating element.
`;

export const TEXT =
  'Our shipping policy: orders leave the Leipzig warehouse within two working days.';

export const HTML = `<!doctype html><html><head><title>Brand voice guide</title>
<style>.x { color: red }</style><script>window.tracking = "pixelsecret";</script></head>
<body><nav><a href="/">Home</a> <a href="/shop">Navigationlink shop</a></nav>
<header>Sitewide banner text</header>
<main><h1>Brand voice</h1><p>We write warm, plain sentences and avoid jargon.</p>
<h2>Emoji</h2><p>Use emoji sparingly: at most one per social post.</p></main>
<footer>Copyright footer</footer></body></html>`;

export async function pdfFile(): Promise<Buffer> {
  const pdf = await PDFDocument.create();
  pdf.setTitle('Solar lantern datasheet');
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  const page = pdf.addPage([595, 842]);
  page.drawText('The Solstice solar lantern charges fully in six hours of sunlight.', {
    x: 40,
    y: 780,
    size: 12,
    font,
  });
  page.drawText('It runs for forty hours on its low setting.', { x: 40, y: 760, size: 12, font });
  return Buffer.from(await pdf.save());
}

export async function docxFile(): Promise<Buffer> {
  const doc = new Document({
    sections: [
      {
        children: [
          new Paragraph({ text: 'Returns handbook', heading: HeadingLevel.HEADING_1 }),
          new Paragraph({
            text: 'Customers may return unused bicycles within thirty days for a full refund.',
          }),
        ],
      },
    ],
  });
  return Packer.toBuffer(doc);
}
