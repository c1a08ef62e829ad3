// Errors of the chart tooling: the files the Helm chart copies from the repository cannot be found.

/** A source folder the chart copies from holds no file to copy (the copy would silently drop the CRD or dashboards). */
export class ChartSourceMissingError extends Error {
  readonly code = 'GC_ERR_CHART_SOURCE_MISSING';

  constructor(folder: string, suffix: string) {
    super(
      `no ${suffix} file in ${folder}: the Helm chart copies them from there (restore them, or generate the dashboards with \`npx node dashboards/src/generate.ts\`)`,
    );
    this.name = 'ChartSourceMissingError';
  }
}
