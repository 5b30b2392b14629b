import type { Feature } from '../../kernel/feature.js';
import { segmentsPersonalData } from './personal-data.js';
import { seedDemoSegments } from './demo.js';
import { segmentApi } from './api.js';
import { segmentPages } from './page-routes.js';

export { segmentFilter, segmentCondition, segmentFields, segmentStatuses, segmentRoles, segmentEmployerKinds, segmentLanguages, emptyFilter, type SegmentFilter, type SegmentCondition, type SegmentField } from './filter.js';
export { can as canSegment, type SegmentAction, type SegmentSubject } from './policy.js';
export { segmentPersonIdsSql, segmentNameSql } from './segment-sql.js';
export { loadSegmentFor, listSegments, findSegment, type Segment, type SegmentInvalid } from './access.js';
export { countSegment, countFilter, previewSegment, previewFilter, PREVIEW_SIZE, type CountResult, type PreviewResult, type SegmentPreviewRow } from './audience.js';
export { createSegment, updateSegment, deleteSegment, segmentInUse, addSegmentUse, type SegmentUse, type SegmentResult, type DeleteResult } from './segments.js';
export { describeFilter, namesFor } from './describe.js';
export { segmentProblem } from './api.js';
export { segmentInput, segmentPatch, countInput, type SegmentInput, type SegmentPatch, type CountInput } from './schema.js';

/** Segments: the API and the pages (list, builder with live count, one segment with its recipients). */
export const feature: Feature = {
  name: 'segments',
  personalData: segmentsPersonalData,
  demo: seedDemoSegments,
  async routes(app) {
    await app.register(segmentApi);
    await app.register(segmentPages);
  },
};
