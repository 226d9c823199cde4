import { zipPart, zipParts, type ZipPart } from './zip.js';

/**
 * The WordprocessingML package around a document body: the parts every Journeycraft DOCX shares
 * (content types, relationships, styles, settings), written and compressed once per process, and
 * the few that differ (numbering instances, footer, core properties).
 */

const XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
export const W_NS = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
const R_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const CT = 'application/vnd.openxmlformats-officedocument.wordprocessingml';

/** The root element attributes of document.xml and footer1.xml (w14 for check boxes, ignorable by older readers). */
export const BODY_NS =
  `xmlns:w="${W_NS}" xmlns:r="${R_NS}" xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml" ` +
  `xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" mc:Ignorable="w14"`;

/** The relationship id of the footer (document.xml's sectPr refers to it). */
export const FOOTER_RID = 'rId4';

const FONT = 'Calibri';
const fonts = `<w:rFonts w:ascii="${FONT}" w:cs="${FONT}" w:eastAsia="${FONT}" w:hAnsi="${FONT}"/>`;
const size = (halfPoints: number) => `<w:sz w:val="${halfPoints}"/><w:szCs w:val="${halfPoints}"/>`;
const color = (rgb: string) => `<w:color w:val="${rgb}"/>`;
const bold = '<w:b/><w:bCs/>';

function paragraphStyle(id: string, name: string, pPr: string, rPr: string): string {
  return (
    `<w:style w:type="paragraph" w:styleId="${id}"><w:name w:val="${name}"/><w:basedOn w:val="Normal"/>` +
    `<w:next w:val="Normal"/><w:qFormat/>${pPr ? `<w:pPr>${pPr}</w:pPr>` : ''}${rPr ? `<w:rPr>${rPr}</w:rPr>` : ''}</w:style>`
  );
}

/** Title, Subtitle, Heading 1–3 (real heading styles: Word's navigation pane and outline read them), Lead, Note. */
const STYLES =
  `${XML}<w:styles xmlns:w="${W_NS}">` +
  `<w:docDefaults><w:rPrDefault><w:rPr>${fonts}${color('1D2733')}${size(21)}</w:rPr></w:rPrDefault>` +
  `<w:pPrDefault><w:pPr><w:spacing w:after="100" w:line="264"/></w:pPr></w:pPrDefault></w:docDefaults>` +
  `<w:style w:type="paragraph" w:styleId="Normal" w:default="1"><w:name w:val="Normal"/><w:qFormat/></w:style>` +
  `<w:style w:type="table" w:styleId="TableNormal" w:default="1"><w:name w:val="Normal Table"/><w:uiPriority w:val="99"/>` +
  `<w:semiHidden/><w:unhideWhenUsed/><w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/>` +
  `<w:left w:w="108" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>` +
  paragraphStyle('Title', 'Title', '<w:spacing w:after="40"/>', `${fonts}${bold}${color('1F4E79')}${size(44)}`) +
  paragraphStyle(
    'Heading1',
    'heading 1',
    '<w:pBdr><w:bottom w:val="single" w:color="D5DDE5" w:sz="6" w:space="2"/></w:pBdr><w:spacing w:before="360" w:after="120"/><w:outlineLvl w:val="0"/>',
    `${fonts}${bold}${color('1F4E79')}${size(30)}`,
  ) +
  paragraphStyle(
    'Heading2',
    'heading 2',
    '<w:spacing w:before="280" w:after="100"/><w:outlineLvl w:val="1"/>',
    `${fonts}${bold}${color('1F4E79')}${size(25)}`,
  ) +
  paragraphStyle(
    'Heading3',
    'heading 3',
    '<w:spacing w:before="200" w:after="80"/><w:outlineLvl w:val="2"/>',
    `${fonts}${bold}${color('1D2733')}${size(22)}`,
  ) +
  `<w:style w:type="paragraph" w:styleId="ListParagraph"><w:name w:val="List Paragraph"/><w:basedOn w:val="Normal"/><w:qFormat/></w:style>` +
  paragraphStyle('Subtitle', 'Subtitle', '<w:spacing w:after="240"/>', `${color('4A5A6A')}${size(26)}`) +
  paragraphStyle('Lead', 'Lead', '<w:spacing w:after="160"/>', size(23)) +
  paragraphStyle('Note', 'Note', '', `<w:i/><w:iCs/>${color('4A5A6A')}${size(18)}`) +
  `</w:styles>`;

const SETTINGS =
  `${XML}<w:settings xmlns:w="${W_NS}"><w:defaultTabStop w:val="720"/><w:evenAndOddHeaders w:val="0"/>` +
  `<w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat></w:settings>`;

const CONTENT_TYPES =
  `${XML}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
  `<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
  `<Default Extension="xml" ContentType="application/xml"/>` +
  `<Override PartName="/word/document.xml" ContentType="${CT}.document.main+xml"/>` +
  `<Override PartName="/word/styles.xml" ContentType="${CT}.styles+xml"/>` +
  `<Override PartName="/word/numbering.xml" ContentType="${CT}.numbering+xml"/>` +
  `<Override PartName="/word/settings.xml" ContentType="${CT}.settings+xml"/>` +
  `<Override PartName="/word/footer1.xml" ContentType="${CT}.footer+xml"/>` +
  `<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>` +
  `</Types>`;

const PACKAGE_RELS =
  `${XML}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
  `<Relationship Id="rId1" Type="${REL}/officeDocument" Target="word/document.xml"/>` +
  `<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>` +
  `</Relationships>`;

const DOCUMENT_RELS =
  `${XML}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
  `<Relationship Id="rId1" Type="${REL}/styles" Target="styles.xml"/>` +
  `<Relationship Id="rId2" Type="${REL}/numbering" Target="numbering.xml"/>` +
  `<Relationship Id="rId3" Type="${REL}/settings" Target="settings.xml"/>` +
  `<Relationship Id="${FOOTER_RID}" Type="${REL}/footer" Target="footer1.xml"/>` +
  `</Relationships>`;

/** Bullets (numId 1) and the numbered list (abstract 2, one numId per list so each restarts at 1). */
const ABSTRACT_NUMBERING =
  `<w:abstractNum w:abstractNumId="1"><w:multiLevelType w:val="hybridMultilevel"/>` +
  `<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val="●"/><w:lvlJc w:val="left"/>` +
  `<w:pPr><w:ind w:left="720" w:hanging="360"/></w:pPr></w:lvl></w:abstractNum>` +
  `<w:abstractNum w:abstractNumId="2"><w:multiLevelType w:val="hybridMultilevel"/>` +
  `<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/><w:lvlJc w:val="left"/>` +
  `<w:pPr><w:ind w:left="400" w:hanging="300"/></w:pPr></w:lvl></w:abstractNum>` +
  `<w:num w:numId="1"><w:abstractNumId w:val="1"/></w:num>`;

/** The numId of the bullet list. */
export const BULLETS = 1;

let fixed: ZipPart[] | null = null;
/** The parts every document shares, compressed on first use. */
function fixedParts(): ZipPart[] {
  fixed ??= [
    zipPart('[Content_Types].xml', CONTENT_TYPES),
    zipPart('_rels/.rels', PACKAGE_RELS),
    zipPart('word/_rels/document.xml.rels', DOCUMENT_RELS),
    zipPart('word/styles.xml', STYLES),
    zipPart('word/settings.xml', SETTINGS),
  ];
  return fixed;
}

/** Numbering parts by how many numbered lists a document has (most have none or few). */
const numberingParts = new Map<number, ZipPart>();
function numberingPart(numberedLists: number): ZipPart {
  let part = numberingParts.get(numberedLists);
  if (!part) {
    let nums = '';
    for (let i = 0; i < numberedLists; i++) {
      nums += `<w:num w:numId="${BULLETS + 1 + i}"><w:abstractNumId w:val="2"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>`;
    }
    part = zipPart(
      'word/numbering.xml',
      `${XML}<w:numbering xmlns:w="${W_NS}">${ABSTRACT_NUMBERING}${nums}</w:numbering>`,
    );
    if (numberingParts.size < 64) numberingParts.set(numberedLists, part);
  }
  return part;
}

/** Document properties (File › Info): title, subject, creator, description, and the generation time. */
export interface CoreProperties {
  title: string;
  subject: string;
  description: string;
  /** ISO-8601 (the tree's generatedAt). */
  created: string;
}

function coreXml(p: CoreProperties, text: (s: string) => string): string {
  const when = text(p.created);
  return (
    `${XML}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" ` +
    `xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" ` +
    `xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">` +
    `<dc:title>${text(p.title)}</dc:title><dc:subject>${text(p.subject)}</dc:subject><dc:creator>Journeycraft</dc:creator>` +
    `<dc:description>${text(p.description)}</dc:description><cp:lastModifiedBy>Journeycraft</cp:lastModifiedBy>` +
    `<cp:revision>1</cp:revision><dcterms:created xsi:type="dcterms:W3CDTF">${when}</dcterms:created>` +
    `<dcterms:modified xsi:type="dcterms:W3CDTF">${when}</dcterms:modified></cp:coreProperties>`
  );
}

/** What a document contributes to its package. */
export interface DocxContent {
  /** The children of w:body, the section properties included. */
  body: string;
  /** The content of the footer's w:ftr. */
  footer: string;
  /** How many numbered lists the body has (numIds 2 … n + 1). */
  numberedLists: number;
  core: CoreProperties;
}

/** Writes the DOCX package of a body (the shared parts compressed once). */
export function docxPackage(content: DocxContent, text: (s: string) => string): Uint8Array {
  return zipParts([
    ...fixedParts(),
    numberingPart(content.numberedLists),
    zipPart('word/document.xml', `${XML}<w:document ${BODY_NS}><w:body>${content.body}</w:body></w:document>`),
    zipPart('word/footer1.xml', `${XML}<w:ftr ${BODY_NS}>${content.footer}</w:ftr>`),
    zipPart('docProps/core.xml', coreXml(content.core, text)),
  ]);
}
