/** What the printer's preflight of an interior PDF expects, and what it found. */

export interface PreflightExpectations {
  /** The finished page in mm. */
  trimMm: { width: number; height: number };
  /** Bleed on each side in mm. */
  bleedMm: number;
  /** 4 for saddle stitch (骑马钉). */
  pageMultiple?: number;
  /** Lowest image resolution at printed size, e.g. 300. */
  minImagePpi?: number;
  /** Require the PDF/X declaration: GTS_PDFXVersion and an OutputIntent with a profile. */
  requirePdfX?: boolean;
  /** PostScript family prefixes allowed, e.g. ['NotoSerifSC', 'NotoSansSC', 'LXGWWenKai']. */
  declaredFonts?: string[];
  /** Theme colours the design prints in CMYK (0–100 per ink): the only colours allowed on pages without images. */
  declaredColours?: [number, number, number, number][];
  /** Rules not to run (periodical.yaml's checks.off). */
  off?: readonly string[];
}

export interface PreflightCheck {
  name: string;
  pass: boolean;
  /** What was found, with figures. */
  detail: string;
  /** The failing pages. */
  pages?: number[];
}

export interface PreflightReport {
  file: string;
  pass: boolean;
  checks: PreflightCheck[];
}
